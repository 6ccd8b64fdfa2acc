/** An error as one line for a problem or a log field. */
export const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
