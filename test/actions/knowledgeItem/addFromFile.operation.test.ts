import { checkFileSize, MAX_FILE_BYTES } from '../../../nodes/Diga/actions/knowledgeItem/addFromFile.operation';
import { multipartBody } from '../../../nodes/Diga/actions/knowledgeItem/multipart';
import { rejectedAs, runAgainst } from '../../support/diga';
import { startFakeDiga, type FakeDiga, type FakeRequest } from '../../support/fake-diga';
import { describeEachContract } from '../../support/prism';

/** A file whose bytes are not valid UTF-8, so any trip through text would change them. */
const PDF = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xff, 0xfe, 0x00, 0x80, 0x0d, 0x0a, 0x2d, 0x2d]);

interface FormPart {
	name: string;
	fileName?: string;
	contentType?: string;
	data: Buffer;
}

/** Reads a multipart/form-data body the way a server does: by the boundary its content type names. */
function parseMultipart(request: FakeRequest): FormPart[] {
	const boundary = /boundary=(.+)$/.exec(String(request.headers['content-type']))?.[1];
	if (!boundary || !request.raw) throw new Error('not a multipart request');
	const raw = request.raw;
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: FormPart[] = [];
	let start = raw.indexOf(delimiter) + delimiter.length;
	for (let next = raw.indexOf(delimiter, start); next !== -1; next = raw.indexOf(delimiter, start)) {
		const part = raw.subarray(start + 2, next - 2); // without the CRLF after the delimiter and before the next
		const split = part.indexOf('\r\n\r\n');
		const head = part.subarray(0, split).toString('utf8');
		parts.push({
			name: /name="([^"]*)"/.exec(head)?.[1] ?? '',
			fileName: /filename="([^"]*)"/.exec(head)?.[1],
			contentType: /Content-Type: (.+)/i.exec(head)?.[1],
			data: part.subarray(split + 4),
		});
		start = next + delimiter.length;
	}
	expect(raw.subarray(start, start + 4).toString()).toBe('--\r\n');
	return parts;
}

const pdf = (fields: object = {}) => ({ data: PDF.toString('base64'), mimeType: 'application/pdf', fileName: 'price-list.pdf', fileExtension: 'pdf', ...fields });
const addFile = (fields: object = {}) => ({ resource: 'knowledgeItem', operation: 'addFromFile', binaryPropertyName: 'data', ...fields });
const uploadedItem = { id: '8d2e4f6a-1b3c-4d5e-9f0a-2b4c6d8e0f1a', name: 'Price list', category: 'file', status: 'indexing', url: 'https://storage.example/x.pdf', created_date: '2026-12-01T10:00:00Z' };

describe('multipartBody', () => {
	test('text fields and a file, each with its headers, closed by the final boundary', () => {
		const { body, contentType } = multipartBody([{ field: 'name', value: 'Precios "2026"' }, { field: 'file', fileName: 'a.txt', contentType: 'text/plain', data: Buffer.from('hi') }], 'XyZ');
		expect(contentType).toBe('multipart/form-data; boundary=XyZ');
		expect(body.toString('utf8')).toBe(
			'--XyZ\r\nContent-Disposition: form-data; name="name"\r\n\r\nPrecios "2026"\r\n' +
				'--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhi\r\n--XyZ--\r\n',
		);
	});

	test('a quote or line break in a file name cannot end its header', () => {
		const { body } = multipartBody([{ field: 'file', fileName: 'a"\r\nX-Evil: 1.txt', contentType: 'text/plain', data: Buffer.from('') }], 'B');
		expect(body.toString('utf8')).toContain('filename="a%22%0D%0AX-Evil: 1.txt"');
	});
});

describe('checkFileSize', () => {
	test("up to Diga's 10 MB passes; a byte more is refused", () => {
		expect(() => checkFileSize(MAX_FILE_BYTES, 'a.pdf')).not.toThrow();
		expect(() => checkFileSize(MAX_FILE_BYTES + 1, 'a.pdf')).toThrow(rejectedAs('Input Binary Field'));
	});
});

describe('Add Knowledge Item From File, against a fake that reads the multipart body', () => {
	let fake: FakeDiga;
	beforeAll(async () => (fake = await startFakeDiga(() => ({ body: { successful_items: [uploadedItem], failed_items: [] } }))));
	afterAll(async () => await fake.stop());
	beforeEach(() => (fake.requests.length = 0));

	test("one POST /v1/knowledge/item/file with the contract's fields: name, category and the file's exact bytes", async () => {
		const { output, error } = await runAgainst(fake, addFile({ name: 'Price list' }), { binaries: [{ data: pdf() }] });
		expect(error).toBeUndefined();
		expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/knowledge/item/file']);
		const parts = parseMultipart(fake.requests[0]);
		expect(parts.map((part) => [part.name, part.fileName, part.contentType])).toEqual([
			['name', undefined, undefined],
			['category', undefined, undefined],
			['file', 'price-list.pdf', 'application/pdf'],
		]);
		expect(parts[0].data.toString('utf8')).toBe('Price list');
		expect(parts[1].data.toString('utf8')).toBe('file');
		expect(parts[2].data.equals(PDF)).toBe(true);
		expect(output?.map((item) => item.json)).toEqual([uploadedItem]);
	});

	test('without a Name the file name names the item; another binary field is read by its name', async () => {
		const { error } = await runAgainst(fake, addFile({ binaryPropertyName: 'attachment_0' }), { binaries: [{ attachment_0: pdf({ fileName: 'menu.md', mimeType: 'text/markdown' }) }] });
		expect(error).toBeUndefined();
		const parts = parseMultipart(fake.requests[0]);
		expect(parts[0].data.toString('utf8')).toBe('menu.md');
		expect([parts[2].fileName, parts[2].contentType]).toEqual(['menu.md', 'text/markdown']);
	});

	test('an item without the binary field fails before any request, naming the field, the item and the fields it has', async () => {
		const { error } = await runAgainst(fake, addFile(), { items: [{}, {}], binaries: [{ data: pdf() }, { file: pdf() }] });
		expect(error?.message).toBe('Input Binary Field (item 1): the item has no binary field "data"');
		expect(error?.description).toBe('Use one of the binary fields the item has: file.');
		expect(fake.requests).toHaveLength(0);
	});

	test('an item with no file at all is told to read or download one first', async () => {
		const { error } = await runAgainst(fake, addFile());
		expect(error?.message).toBe('Input Binary Field (item 0): the item has no binary field "data"');
		expect(error?.description).toMatch(/put a node that reads or downloads the file/);
	});

	test('a file over 10 MB (by the size n8n recorded) fails before any request', async () => {
		const { error } = await runAgainst(fake, addFile(), { binaries: [{ data: pdf({ bytes: MAX_FILE_BYTES + 1 }) }] });
		expect(error?.message).toMatch(/^Input Binary Field \(item 0\): the file "price-list.pdf" has 10\.0 MB, more than the 10 MB Diga takes$/);
		expect(fake.requests).toHaveLength(0);
	});
});

describeEachContract('Add Knowledge Item From File against the contract', (server) => {
	test('the path, method and key are the contract\'s; its only complaint is that it documents no request body', async () => {
		await runAgainst(server(), addFile({ options: { maxRetries: 0 } }), { binaries: [{ data: pdf() }] });
		const [request] = server().requests;
		expect([request.method, request.path, request.headers.authorization?.startsWith('Bearer ')]).toEqual(['POST', '/v1/knowledge/item/file', true]);
		expect(request.violations.map((violation) => violation.code)).toEqual([415]);
	});
});
