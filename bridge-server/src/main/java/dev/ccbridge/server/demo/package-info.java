/**
 * The demo ({@code --demo}): the bridge in front of the built-in scripted upstream on 127.0.0.1, with no key and
 * no network, so a newcomer can point Claude Code at it and watch a tool call go through.
 */
package dev.ccbridge.server.demo;
