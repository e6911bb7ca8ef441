/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code that runs in Node under Jest, not code that n8n loads */
/**
 * download.ts in n8n's engine, through Get Recording, against storage hosts that misbehave: one that
 * trickles a byte at a time (the Timeout bounds the whole download, not only the first byte), and files
 * over the Max File Size option, with and without Content-Length. The file reaches n8n as a stream.
 */
import http from 'node:http';

import { BinaryDataService } from 'n8n-core';

import { byId, runAgainst } from '../../support/diga';
import { startFakeDiga, type FakeDiga } from '../../support/fake-diga';
import { close, listen } from '../../support/net';

const CALL_ID = '6f1c2a3b-4d5e-4f60-8a7b-000000000001';
const MB = 1048576;

const getRecording = (options: object = {}) => ({ resource: 'call', operation: 'getRecording', callId: byId(CALL_ID), options: { maxRetries: 0, ...options } });

/** A storage host whose every answer is written by `answer`; `sent` counts the bytes it wrote. */
async function storageHost(answer: (response: http.ServerResponse, host: { sent: number }) => void) {
	const host = { url: '', sent: 0, stop: async () => undefined as void };
	const server = http.createServer((_request, response) => answer(response, host));
	host.url = await listen(server);
	host.stop = async () => {
		server.closeAllConnections();
		await close(server);
	};
	return host;
}

describe('downloads: Timeout, Max File Size, streaming', () => {
	let diga: FakeDiga;
	let storage: Awaited<ReturnType<typeof storageHost>> | undefined;
	beforeAll(async () => (diga = await startFakeDiga()));
	afterAll(async () => await diga.stop());
	afterEach(async () => {
		await storage?.stop();
		storage = undefined;
	});
	const linkTo = (url: string) => (diga.handler = () => ({ body: { recording_url: `${url}/signed/${CALL_ID}.mp3` } }));

	test('a host that trickles a byte every 0.4 s cannot keep a 1 s Timeout going: the download ends with a clear message', async () => {
		// 60 bytes, 0.4 s apart: 24 s in all, each byte well within the Timeout of the one before.
		storage = await storageHost((response, host) => {
			response.writeHead(200, { 'content-type': 'audio/mpeg' });
			const tick = setInterval(() => {
				if (host.sent >= 60 || response.destroyed) {
					clearInterval(tick);
					response.end();
					return;
				}
				response.write(Buffer.from([0x49]));
				host.sent++;
			}, 400);
		});
		linkTo(storage.url);
		const { output, error } = await runAgainst(diga, getRecording({ timeout: 1000 }));
		expect(output).toBeUndefined();
		expect(error?.message).toBe(`The recording link did not finish within the Timeout of 1000 ms`);
		expect(error?.description).toMatch(/Raise the Timeout option/);
		expect(storage.sent).toBeLessThan(60);
	});

	test('a file announced larger than Max File Size is refused before it is read', async () => {
		storage = await storageHost((response, host) => {
			response.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': String(3 * MB) });
			// Written slowly enough that a reader would still be reading it when the refusal comes.
			response.write(Buffer.alloc(64 * 1024));
			host.sent += 64 * 1024;
		});
		linkTo(storage.url);
		const { error } = await runAgainst(diga, getRecording({ maxFileMb: 1 }));
		expect(error?.message).toMatch(/^The recording link on 127\.0\.0\.1:\d+ holds a file of 3 MB, more than the 1 MB the Max File Size option allows, so it was not kept$/);
		expect(error?.description).toMatch(/Raise Max File Size \(MB\)/);
	});

	test('a file without Content-Length is stopped as soon as it grows past Max File Size', async () => {
		storage = await storageHost((response, host) => {
			response.writeHead(200, { 'content-type': 'audio/mpeg' });
			const chunk = Buffer.alloc(256 * 1024, 1);
			const more = () => {
				while (host.sent < 8 * MB && !response.destroyed) {
					host.sent += chunk.length;
					if (!response.write(chunk)) return void response.once('drain', more);
				}
				response.end();
			};
			more();
		});
		linkTo(storage.url);
		const { error } = await runAgainst(diga, getRecording({ maxFileMb: 1 }));
		expect(error?.message).toMatch(/holds a file of more than 1 MB, more than the 1 MB the Max File Size option allows/);
	});

	test('a file within the limits reaches n8n as a stream, every byte of it', async () => {
		const file = Buffer.alloc(2 * MB, 7);
		storage = await storageHost((response) => {
			response.writeHead(200, { 'content-type': 'audio/mpeg' });
			response.end(file);
		});
		linkTo(storage.url);
		const store = jest.spyOn(BinaryDataService.prototype, 'store');
		try {
			const { output, error } = await runAgainst(diga, getRecording({ maxFileMb: 3 }));
			expect(error).toBeUndefined();
			expect(output?.[0].binary?.data.bytes).toBe(file.length);
			const handed = store.mock.calls[0][1];
			expect(Buffer.isBuffer(handed)).toBe(false);
			expect(typeof (handed as { pipe?: unknown }).pipe).toBe('function');
		} finally {
			store.mockRestore();
		}
	});
});
