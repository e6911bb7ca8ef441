/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code that runs in Node, not code that n8n loads */
/**
 * A scripted stand-in for an OpenAI-compatible chat model (`POST <base>/chat/completions`, the API n8n's
 * OpenAI Chat Model node calls with "Use Responses API" off), on loopback only. It keeps no state between
 * requests: each answer is decided from the messages and tools the agent sends, so what the model "knows"
 * is only what n8n put in the conversation (tool descriptions, tool results, tool errors). Like the
 * recording proxy, each workflow gets its own Base URL, `<url>/wf/<key>/v1`, so every request is attributed.
 */
import http from 'node:http';

import { close, listen, readBody } from './net';

export interface ToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}
export interface ChatMessage {
	role: string;
	content?: unknown;
	tool_calls?: ToolCall[];
	tool_call_id?: string;
}
export interface ChatTool {
	function: { name: string; description?: string };
}
/** What the model answers: text, or tool calls. */
export interface Reply {
	content?: string;
	toolCalls?: Array<{ name: string; args: Record<string, unknown> }>;
	error?: string;
}
export interface ModelRequest {
	key: string;
	messages: ChatMessage[];
	tools: ChatTool[];
	reply?: Reply;
}
type Json = Record<string, unknown>;

/** A message's text, whether n8n sent a string or content parts. */
function text(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => part.text ?? '').join('');
	return '';
}

/** The tool calls the model made and what came back for each, in order: {name, args, result}. */
function toolResults(messages: ChatMessage[]): Array<{ name?: string; args?: Json; result: string }> {
	const calls = new Map<string, { name: string; args: Json }>();
	for (const m of messages) for (const c of m.tool_calls ?? []) calls.set(c.id, { name: c.function.name, args: JSON.parse(c.function.arguments || '{}') });
	return messages.filter((m) => m.role === 'tool').map((m) => ({ ...calls.get(m.tool_call_id ?? ''), result: text(m.content) }));
}

/** Every object found in a tool result (n8n sends the tool's output items as JSON text). */
function records(result: string): Json[] {
	const found: Json[] = [];
	const walk = (value: unknown) => {
		if (Array.isArray(value)) value.forEach(walk);
		else if (value && typeof value === 'object') {
			found.push(value as Json);
			Object.values(value).forEach(walk);
		}
	};
	try {
		walk(JSON.parse(result));
	} catch {
		// not JSON: no records
	}
	return found;
}

/** The error text of a tool result, when the tool failed (n8n sends `[{"error": message}]`). */
function toolError(result: string): string | undefined {
	return records(result).find((r) => typeof r.error === 'string')?.error as string | undefined;
}

const call = (name: string, args: Json): Reply => ({ toolCalls: [{ name, args }] });
const say = (content: string): Reply => ({ content });

/**
 * The phone assistant's script. It picks a tool by its description, the way a model reads the tool
 * list, and finds IDs only in what the tools returned:
 *   "Which phone numbers do we have?" -> Get many phone numbers, then lists the numbers it got;
 *   "Give <number> the nickname <name> and let agent <agent> answer it" -> Get many phone numbers and
 *     Get many agents, then Update a phone number with the IDs found;
 *   "Import <number> ..." -> Import a phone number; after a tool error that asks for no spaces, the
 *     same number again without them, once.
 */
export function phoneAssistant({ messages, tools }: Pick<ModelRequest, 'messages' | 'tools'>): Reply {
	const ask = text(messages.filter((m) => m.role === 'user').at(-1)?.content);
	const done = toolResults(messages);
	const tool = (pattern: RegExp) => {
		const found = tools.find((t) => pattern.test(t.function.description ?? ''));
		if (!found) throw new Error(`no tool whose description matches ${pattern}; tools: ${tools.map((t) => t.function.description).join(' | ')}`);
		return found.function.name;
	};
	const resultOf = (name: string) => done.filter((d) => d.name === name).at(-1);

	if (/which phone numbers/i.test(ask)) {
		const list = tool(/^Get many phone numbers/);
		const got = resultOf(list);
		if (!got) return call(list, {});
		const numbers = records(got.result).filter((r) => typeof r.number === 'string').map((r) => r.number as string);
		return say(`We have ${numbers.length} phone number(s): ${numbers.join(', ')}.`);
	}

	const rename = /give (\S+) the nickname (\S+) and let agent (.+?) answer it/i.exec(ask);
	if (rename) {
		const [, number, nickname, agentName] = rename;
		const [phones, agents, update] = [tool(/^Get many phone numbers/), tool(/^Get many agents/), tool(/^Update a phone number/)];
		if (!resultOf(phones)) return call(phones, {});
		if (!resultOf(agents)) return call(agents, {});
		const phone = records(resultOf(phones)!.result).find((r) => r.number === number);
		const versions = records(resultOf(agents)!.result).find((r) => r.name === agentName)?.versions as Json[] | undefined;
		const version = versions?.find((v) => v.is_published) ?? versions?.[0];
		if (!phone || !version) return say(`I could not find ${phone ? `agent ${agentName}` : number}.`);
		const updated = resultOf(update);
		if (!updated) return call(update, { phoneId: phone.id, nickname, inboundVersionId: version.version_id });
		const error = toolError(updated.result);
		return say(error ? `Diga refused the change: ${error}` : `Done: ${number} is now "${nickname}" and agent ${agentName} answers it.`);
	}

	const importing = /^import (.+?) as a new number/i.exec(ask);
	if (importing) {
		const importTool = tool(/^Import a phone number/);
		const attempts = done.filter((d) => d.name === importTool);
		const last = attempts.at(-1);
		if (!last) return call(importTool, { phoneNumber: importing[1] });
		const error = toolError(last.result);
		const asked = String(last.args?.phoneNumber);
		if (!error) return say(`Imported ${asked}.`);
		// Only what the error says to do: a model that never saw it would have nothing to go on.
		if (attempts.length === 1 && /no spaces/.test(error)) return call(importTool, { phoneNumber: asked.replace(/\s+/g, '') });
		return say(`I could not import it: ${error}`);
	}
	return say('I can list, rename and import phone numbers.');
}

function completion(reply: Reply, model: string) {
	const toolCalls: ToolCall[] = (reply.toolCalls ?? []).map((c, i) => ({
		id: `call_${Date.now().toString(36)}_${i}`,
		type: 'function',
		function: { name: c.name, arguments: JSON.stringify(c.args) },
	}));
	const message: ChatMessage = toolCalls.length ? { role: 'assistant', content: null, tool_calls: toolCalls } : { role: 'assistant', content: reply.content };
	return {
		id: `chatcmpl-${Date.now().toString(36)}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model,
		choices: [{ index: 0, message, logprobs: null, finish_reason: toolCalls.length ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

/** The same answer as server-sent events, for a client that asks for a stream. */
function streamed(body: ReturnType<typeof completion>): string {
	const { message, finish_reason } = body.choices[0];
	const base = { id: body.id, object: 'chat.completion.chunk', created: body.created, model: body.model };
	const delta = message.tool_calls
		? { role: 'assistant', content: null, tool_calls: message.tool_calls.map((c, index) => ({ index, ...c })) }
		: { role: 'assistant', content: message.content };
	const chunks = [
		{ ...base, choices: [{ index: 0, delta, finish_reason: null }] },
		{ ...base, choices: [{ index: 0, delta: {}, finish_reason }], usage: body.usage },
	];
	return `${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join('')}data: [DONE]\n\n`;
}

/**
 * Starts the fake model; `decide({messages, tools})` returns {content} or {toolCalls: [{name, args}]}.
 * Returns {url, baseUrlFor(key), requests(key), stop()}; a request is {key, messages, tools, reply}.
 */
export interface FakeModel {
	url: string;
	baseUrlFor(key: string): string;
	requests(key: string): ModelRequest[];
	stop(): Promise<void>;
}

export async function startFakeModel(decide: (request: ModelRequest) => Reply = phoneAssistant): Promise<FakeModel> {
	const recorded: ModelRequest[] = [];
	const server = http.createServer(async (req, res) => {
		const match = /^\/wf\/([^/]+)\/v1\/chat\/completions$/.exec(req.url ?? '');
		const raw = (await readBody(req)).toString('utf8');
		if (req.method !== 'POST' || !match) {
			res.writeHead(404, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: { message: `The fake model serves only POST /wf/<key>/v1/chat/completions, not ${req.method} ${req.url}` } }));
			return;
		}
		const request = JSON.parse(raw) as { messages: ChatMessage[]; tools?: ChatTool[]; model: string; stream?: boolean };
		const entry: ModelRequest = { key: decodeURIComponent(match[1]), messages: request.messages, tools: request.tools ?? [] };
		recorded.push(entry);
		try {
			entry.reply = decide(entry);
		} catch (error) {
			entry.reply = { error: (error as Error).message };
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: { message: `fake model: ${(error as Error).message}` } }));
			return;
		}
		const body = completion(entry.reply, request.model);
		if (request.stream) {
			res.writeHead(200, { 'content-type': 'text/event-stream' });
			res.end(streamed(body));
		} else {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		}
	});
	const url = await listen(server);
	return {
		url,
		baseUrlFor: (key: string) => `${url}/wf/${encodeURIComponent(key)}/v1`,
		requests: (key: string) => recorded.filter((r) => r.key === key),
		stop: () => close(server),
	};
}
