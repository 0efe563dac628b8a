// Read models for the API (fleet, node, snapshot, trends). Each file one view.
export {};
