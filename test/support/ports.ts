/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test support that runs in Node, not code that n8n loads */
/** Loopback ports: the one free-port helper of the harness (Prism, proxies, fakes, n8n and its task-runner broker). */
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
