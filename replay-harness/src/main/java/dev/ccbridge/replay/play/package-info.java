/**
 * Playing recorded sessions back through a bridge: the upstream plays its recorded answers, the client sends its
 * recorded requests, and what the bridge sends both ways is compared with the recording.
 */
package dev.ccbridge.replay.play;
