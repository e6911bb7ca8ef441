import { randomString } from 'n8n-workflow';

/** A text field or a file of a multipart/form-data body. */
export type Part = { field: string; value: string } | { field: string; fileName: string; contentType: string; data: Buffer };

/** A header value in quotes: quotes and line breaks would end it early, so they are escaped as browsers do. */
const quoted = (value: string) => `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;

/**
 * A multipart/form-data body (RFC 7578) as bytes, and the content type that names its boundary. Built
 * by hand because node code may use no FormData; `boundary` is for tests, random otherwise.
 */
export function multipartBody(parts: Part[], boundary = `----n8nDigaBoundary${randomString(24)}`): { body: Buffer; contentType: string } {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		const file = 'data' in part;
		const disposition = `form-data; name=${quoted(part.field)}${file ? `; filename=${quoted(part.fileName)}` : ''}`;
		const headers = [`--${boundary}`, `Content-Disposition: ${disposition}`, ...(file ? [`Content-Type: ${part.contentType}`] : [])];
		chunks.push(Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'utf8'), file ? part.data : Buffer.from(part.value, 'utf8'), Buffer.from('\r\n', 'utf8'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
