import { version } from "../package.json";

/** This package's version, as published. */
export const VERSION: string = version;
