#!/usr/bin/env node
// Entry point of the `sluice` command: runs the TypeScript sources through tsx.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
