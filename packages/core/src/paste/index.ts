export { type CleanedPaste, cleanPaste } from './clean-paste.ts';
export { commandKind, type SectionKind } from './command-kind.ts';
export { type BlockedGoroutine, blockedGoroutines } from './goroutines.ts';
export { isNodeLine } from './line-shapes.ts';
export { mountLineToMountinfo } from './mount-output.ts';
export { type PasteReading, readPaste } from './paste-artifacts.ts';
export { type PasteSection, promptCommand, splitTranscript } from './split-transcript.ts';
