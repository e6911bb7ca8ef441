import { buildCreateBody } from '../../../nodes/Diga/actions/agent/create.operation';
import { byId, expectContractClean, fromList, rejectedAs, runAgainst } from '../../support/diga';
import { describeEachContract } from '../../support/prism';

const VOICE_ID = '5b2f7c1e-8a3d-4e6f-9b0c-2d4e6f8a0b1c';
const BASE_ID = '8e1d3c5b-7a9f-4b2d-8c6e-0f1a3b5d7c9e';
const MAIN = { name: 'Reception', voiceId: VOICE_ID, language: 'es', prompt: 'You book appointments.', greeting: '' };

const create = (fields: object = {}) => ({ resource: 'agent', operation: 'create', ...MAIN, voiceId: fromList(VOICE_ID), ...fields });

describe('buildCreateBody', () => {
	test('the main fields under their API names; empty greeting and fields not added stay out', () => {
		expect(buildCreateBody(MAIN, {}, {})).toEqual({ name: 'Reception', voice_id: VOICE_ID, language: 'es', prompt: 'You book appointments.' });
	});

	test('additional fields, reminder messages one per line, knowledge lists', () => {
		const body = buildCreateBody(
			{ ...MAIN, greeting: 'Hola' },
			{ volume: 70, reminderMessages: 'Are you there?\n\n  Hello? ', mode: 'free', versionName: ' v1 ' },
			{ knowledge_base_ids: [BASE_ID] },
		);
		expect(body).toEqual({
			name: 'Reception',
			voice_id: VOICE_ID,
			language: 'es',
			prompt: 'You book appointments.',
			greeting: 'Hola',
			volume: 70,
			reminder_messages: ['Are you there?', 'Hello?'],
			mode: 'free',
			version_name: 'v1',
			knowledge_base_ids: [BASE_ID],
		});
	});

	test.each([
		[{ prompt: '   ' }, {}, 'Prompt'],
		[{ language: 'klingon' }, {}, 'Language'],
		[{ voiceId: 'alloy' }, {}, 'Voice'],
		[{ name: '' }, {}, 'Name'],
		[{}, { volume: 101 }, 'Volume'],
		[{}, { reminderFrequencyMs: 500 }, 'Reminder Frequency (Ms)'],
		[{}, { backgroundAudio: 'jungle' }, 'Background Audio'],
		[{}, { mode: 'path' }, 'Conversational Path'],
		[{}, { voicemailDetection: true }, 'Voicemail Message'],
		[{}, { phoneMenuDetection: true }, 'Phone Menu Goal'],
		[{}, { phoneMenuDetection: true, phoneMenuNavigationMode: 'key_sequence' }, 'Phone Menu Key Sequence'],
		[{}, { phoneMenuKeySequence: '1,2,x' }, 'Phone Menu Key Sequence'],
	])('refuses %p %p, naming %s', (main, additional, parameter) => {
		expect(() => buildCreateBody({ ...MAIN, ...main }, additional, {})).toThrow(rejectedAs(parameter));
	});

	test('settings that need each other pass together', () => {
		expect(() => buildCreateBody(MAIN, { voicemailDetection: true, voicemailAction: 'hang_up' }, {})).not.toThrow();
		expect(() => buildCreateBody(MAIN, { phoneMenuDetection: true, phoneMenuAction: 'hang_up' }, {})).not.toThrow();
		expect(buildCreateBody(MAIN, { phoneMenuDetection: true, phoneMenuNavigationMode: 'key_sequence', phoneMenuKeySequence: '1, 3,#' }, {}).phone_menu_key_sequence).toBe('1, 3,#');
	});
});

describeEachContract('Create Agent', (server) => {
	test('reads the voice, then creates the agent once, with only the fields given', async () => {
		const { output, error } = await runAgainst(
			server(),
			create({
				additionalFields: { volume: 60, knowledgeBaseIds: { entry: [{ id: byId(BASE_ID) }] } },
			}),
		);
		expect(error).toBeUndefined();
		expect(output?.[0].json.agent_id).toBeDefined();
		expectContractClean(server());
		expect(server().requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['GET', `/v1/voice/${VOICE_ID}`, undefined],
			['POST', '/v1/agent/', { name: 'Reception', voice_id: VOICE_ID, language: 'es', prompt: 'You book appointments.', volume: 60, knowledge_base_ids: [BASE_ID] }],
		]);
	});

	test('three items with one voice: the voice is read once', async () => {
		const { error } = await runAgainst(server(), create(), { items: [{}, {}, {}] });
		expect(error).toBeUndefined();
		expect(server().requests.map((r) => r.method)).toEqual(['GET', 'POST', 'POST', 'POST']);
	});

	test('a voice Diga does not have is refused, and no agent is created', async () => {
		server().preferStatus = 404;
		const { error } = await runAgainst(server(), create());
		expect(error?.message).toMatch(/^Voice \(item 0\): 5b2f7c1e-\S+ is not a voice Diga offers$/);
		expect(server().requests.map((r) => r.method)).toEqual(['GET']);
	});

	test('an empty prompt is refused before any request, naming the field and the item', async () => {
		const { error } = await runAgainst(server(), create({ prompt: ' ' }));
		expect(error?.message).toBe('Prompt (item 0): is empty');
		expect(error?.description).toMatch(/instructions/);
		expect(server().requests).toHaveLength(0);
	});

});
