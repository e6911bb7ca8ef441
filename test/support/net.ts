/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test support that runs in Node, not code that n8n loads */
/**
 * Loopback networking for the harness: the one free-port helper (Prism, n8n and its task-runner broker),
 * the small pieces every stand-in server (recording proxy, fakes of Diga, the scripted model) uses, and
 * the stop of a server process (Prism, n8n).
 */
import type { ChildProcess } from 'node:child_process';
import type http from 'node:http';
import net from 'node:net';

/** A free TCP port on 127.0.0.1 (listen on port 0, read it, close). */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** Whether something accepts TCP connections on 127.0.0.1:<port>. */
export async function portInUse(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Listens on a port the system picks, on loopback; resolves to the server's URL. */
export async function listen(server: http.Server): Promise<string> {
	return await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`));
	});
}

/** Closes the server and every connection it still holds. */
export async function close(server: http.Server): Promise<void> {
	await new Promise<void>((resolve) => {
		server.closeAllConnections();
		server.close(() => resolve());
	});
}

/** A request's whole body. */
export async function readBody(request: http.IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

/** JSON when the text is JSON, the text otherwise, undefined when empty. */
export function parseJson(text: string): unknown {
	if (!text) return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** Stops a child process: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}
