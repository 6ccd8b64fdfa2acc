import { execFile } from "node:child_process";

export interface CommandOptions {
  cwd?: string;
  timeoutMs: number;
}

/** Runs a program and returns its standard output; throws CommandError on failure or timeout. */
export type CommandRunner = (file: string, args: readonly string[], options: CommandOptions) => Promise<string>;

export class CommandError extends Error {
  constructor(message: string, readonly stderr: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CommandError";
  }
}

/** The real runner: a child process, killed when it outlives its timeout. */
export const runCommand: CommandRunner = (file, args, options) =>
  new Promise((resolve, reject) => {
    execFile(file, [...args], { cwd: options.cwd, timeout: options.timeoutMs, killSignal: "SIGKILL", maxBuffer: 256 * 1024 * 1024, encoding: "utf8" }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const name = file.split("/").pop() ?? file;
      const reason = error.killed ? `timed out after ${options.timeoutMs} ms` : stderr.trim() || error.message;
      reject(new CommandError(`${name} ${args[0] ?? ""} failed: ${reason}`, stderr, { cause: error }));
    });
  });
