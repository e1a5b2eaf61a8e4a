// Entry point of `pulumi up` / `pulumi preview`: the stack outputs are the program's outputs.
import { runProgram } from "./lib/program";

export = runProgram().outputs;
