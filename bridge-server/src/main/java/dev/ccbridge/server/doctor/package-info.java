/**
 * {@code ccbridge doctor}: reads Claude Code's settings files, its environment and cached logins, asks the running
 * bridge, probes each upstream and routes each model Claude Code asks for, then reports every conflict with what
 * to do, and the settings to use. Also the recommended Claude Code settings the startup summary prints.
 */
package dev.ccbridge.server.doctor;
