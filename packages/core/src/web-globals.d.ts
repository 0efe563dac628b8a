// Core compiles without Node's (or the DOM's) type definitions, so nothing in it can reach the
// file system, the network or the process. The few web-standard globals it uses, present in
// every JavaScript runtime it runs in (Node, browsers, workers), are declared here.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
