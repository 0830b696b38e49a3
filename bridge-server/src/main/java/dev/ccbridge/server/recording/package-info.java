/**
 * Record mode: every exchange of a Claude Code session written to disk as it happens (client request, upstream
 * request, upstream response, client response), secrets removed and bridge-made ids normalised, in a format the
 * replay harness plays back as a conformance test. {@link dev.ccbridge.server.recording.RecordingFormat} is the
 * one description of that format.
 */
package dev.ccbridge.server.recording;
