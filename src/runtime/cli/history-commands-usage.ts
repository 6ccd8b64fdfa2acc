/** `sluice history` and `sluice rollback`; main.ts loads their code only for them. */
export const HISTORY_COMMANDS = new Set(["history", "rollback"]);

export const HISTORY_USAGE = `  history APP [--config FILE]
        the app's recent syncs: time, revision, trigger and delivery id, result, holds.
  rollback APP --to REV [--config FILE]
        commit the app's image tags and values files as they were at REV (from its history) to the branch,
        hold its images there, and sync: a rollback that automated sync keeps.
`;
