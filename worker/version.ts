/** The gateway's version, as package.json says (bundled at build: only this field is kept). */
import { version } from "../package.json";

export const GATEWAY_VERSION: string = version;
