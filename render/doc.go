// Package render prints scores: one report under one scheme as a terminal
// table, Markdown, CSV or JSON (Write, and WriteTable, WriteMarkdown,
// WriteCSV and WriteJSON), several systems side by side under several schemes
// (Board, the view `arabench eval` prints), and the B³ scores of normalizers
// (WriteNormBoard). Every rendering ends with the score's signature. Its
// table helpers (RenderRows, Fixed, WriteLines) and the JSON encoding of a
// report (JSONReport) also serve run files and the comparison of two runs.
package render
