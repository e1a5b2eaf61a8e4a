// dynalite (a local DynamoDB, used by `npm run service` and the app tests) ships no types; this is the part used.
declare module "dynalite" {
  import { Server } from "http";

  interface DynaliteOptions {
    /** How long a new table stays CREATING (500 ms by default; 0 for tests). */
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
  }

  function dynalite(options?: DynaliteOptions): Server;
  export = dynalite;
}
