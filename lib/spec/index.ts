/** The spec types in one import: the platform spec and its services. */
export * from "./platformSpec";
export * from "./services";
