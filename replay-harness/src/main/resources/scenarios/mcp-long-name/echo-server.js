// A tiny MCP server over stdio (JSON-RPC 2.0, one message per line) with one tool. Its server and tool names make
// Claude Code's tool name mcp__<server>__<tool> 71 characters long, over the 64 that OpenAI-style upstreams accept.
'use strict';
const readline = require('readline');

const TOOL = {
  name: 'echo_the_message_back',
  description: 'Returns the message it is given, prefixed with ECHO:.',
  inputSchema: {
    type: 'object',
    properties: { message: { type: 'string', description: 'The text to echo.' } },
    required: ['message'],
  },
};

function reply(id, result) {
  process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id, result }) + '\n');
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  if (!line.trim()) return;
  const message = JSON.parse(line);
  if (message.id === undefined) return; // notifications need no answer
  switch (message.method) {
    case 'initialize':
      reply(message.id, {
        protocolVersion: (message.params && message.params.protocolVersion) || '2025-06-18',
        capabilities: { tools: {} },
        serverInfo: { name: 'ccbridge-fixture', version: '1.0.0' },
      });
      break;
    case 'tools/list':
      reply(message.id, { tools: [TOOL] });
      break;
    case 'tools/call': {
      const text = 'ECHO: ' + ((message.params.arguments || {}).message || '');
      reply(message.id, { content: [{ type: 'text', text }] });
      break;
    }
    case 'ping':
      reply(message.id, {});
      break;
    default:
      process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: message.id,
        error: { code: -32601, message: 'method not found: ' + message.method } }) + '\n');
  }
});
