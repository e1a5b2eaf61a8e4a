// `npm run service`: bin/localService.ts.
import { runServiceCli, stdio } from "./localService";

void runServiceCli(process.argv.slice(2), process.env, process, stdio).then((code) => (process.exitCode = code));
