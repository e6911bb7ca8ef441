import { redactedNode } from '../../nodes/Diga/helpers/secrets';
import { runAgainst } from '../support/diga';
import { startFakeDiga } from '../support/fake-diga';

const node = {
	id: '1',
	name: 'Diga',
	type: 'n8n-nodes-diga.diga',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: { phoneNumber: '+34910000001', outbound: { terminationUri: 'trunk.example.com', password: 'S1P-canary' } },
};

test('the SIP password is hidden in the node copy, the rest kept, the original untouched', () => {
	const copy = redactedNode(node);
	expect(JSON.stringify(copy)).not.toContain('S1P-canary');
	expect(copy.parameters.outbound).toEqual({ terminationUri: 'trunk.example.com', password: '**hidden**' });
	expect(copy.parameters.phoneNumber).toBe('+34910000001');
	expect(node.parameters.outbound.password).toBe('S1P-canary');
});

test.each([
	['Diga refuses', { status: 422, body: { detail: [{ loc: ['body', 'outbound_config'], msg: 'bad', type: 'x' }] } }],
	['bad input', undefined],
])('an error from %s carries the node without the SIP password', async (_name, reply) => {
	const fake = await startFakeDiga(() => reply ?? { status: 200, body: {} });
	try {
		const { error } = await runAgainst(fake, {
			resource: 'phone',
			operation: 'import',
			phoneNumber: reply ? '+34910000001' : 'bad number',
			outbound: { terminationUri: 'trunk.example.com', password: 'S1P-canary' },
		});
		expect(error).toBeDefined();
		expect(JSON.stringify(error)).not.toContain('S1P-canary');
	} finally {
		await fake.stop();
	}
});
