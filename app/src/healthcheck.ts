/** The container health check's entry point (IMAGE.healthCheckScript, /app/healthcheck.js); see healthProbe.ts. */
import { runHealthCheck } from "./healthProbe";

void runHealthCheck(process);
