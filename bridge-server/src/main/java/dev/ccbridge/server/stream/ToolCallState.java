package dev.ccbridge.server.stream;

/** One upstream tool call as its pieces arrive, keyed by its upstream index. */
final class ToolCallState {

    /** Where the call is in its life. */
    enum Stage {
        /** Pieces are arriving; no block yet (the name is unknown, or another tool block is open). */
        WAITING,
        /** Its tool_use block is open and arguments stream live. */
        OPEN,
        /** Its block was closed; nothing more can be added. */
        CLOSED
    }

    String id;
    String name;
    /** Arguments that arrive before its block can open, held until it does. */
    final StringBuilder arguments = new StringBuilder();
    final ToolInputJson input = new ToolInputJson();
    Stage stage = Stage.WAITING;
}
