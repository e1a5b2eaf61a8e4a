/**
 * The image's entry point (CMD ["/app/main.js"], run by /nodejs/bin/node): the API, or the
 * settlement worker with SERVICE_MODE=worker or `--worker`. All logic is in run.ts.
 */
import { run } from "./run";

void run(process);
