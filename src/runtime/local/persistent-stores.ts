// fauxqs persists only through startFauxqs(), which listens on 0.0.0.0; the local runtime's queue
// must listen on 127.0.0.1 alone. So this wires fauxqs's own stores to its SQLite persistence the
// way startFauxqs does, for buildApp. Those modules are not in the package's exports: they are
// loaded by file URL beside its entry point and checked, so a fauxqs that moved them fails clearly.
import type { BuildAppOptions } from "fauxqs";

type Stores = NonNullable<BuildAppOptions["stores"]>;
type Persistence = NonNullable<Stores["sqsStore"]["persistence"]>;

export interface PersistentStores {
  stores: Stores;
  /** Closes the SQLite database; call after the server closed. */
  close(): void;
}

/** fauxqs's stores, loaded from and written through to `<dataDir>/fauxqs.db`, in-flight messages made visible. */
export async function persistentStores(dataDir: string): Promise<PersistentStores> {
  const SqsStore = await fauxqsClass<Stores["sqsStore"]>("sqs/sqsStore.js", "SqsStore");
  const SnsStore = await fauxqsClass<Stores["snsStore"]>("sns/snsStore.js", "SnsStore");
  const S3Store = await fauxqsClass<Stores["s3Store"]>("s3/s3Store.js", "S3Store");
  const Manager = await fauxqsClass<Persistence>("persistence.js", "PersistenceManager");
  const stores: Stores = { sqsStore: new SqsStore(), snsStore: new SnsStore(), s3Store: new S3Store() };
  const persistence = new Manager(dataDir);
  // Load before attaching persistence, as startFauxqs does: loading must not write back.
  persistence.load(stores.sqsStore, stores.snsStore, stores.s3Store);
  stores.sqsStore.persistence = persistence;
  stores.snsStore.persistence = persistence;
  stores.s3Store.persistence = persistence;
  for (const queue of stores.sqsStore.allQueues()) {
    // The folder is one process's queue: what its killed predecessor had in flight nobody works
    // on now, so it is handed out again at once rather than after its visibility timeout. In
    // memory only (fauxqs 2.4 cannot write a message made visible), before persistence attaches:
    // the next receive writes the message's state.
    for (const receipt of [...queue.inflightMessages.keys()]) queue.changeVisibility(receipt, 0);
    queue.persistence = persistence;
  }
  return { stores, close: () => persistence.close() };
}

async function fauxqsClass<T>(path: string, name: string): Promise<new (...args: string[]) => T> {
  const url = new URL(path, import.meta.resolve("fauxqs"));
  const loaded: Record<string, unknown> = await import(url.href);
  const found = loaded[name];
  if (typeof found !== "function") throw new Error(`fauxqs has no ${name} in ${url.pathname}: its layout changed`);
  // The declaration files beside it describe this class; the check above is what can be checked at run time.
  return found as new (...args: string[]) => T;
}
