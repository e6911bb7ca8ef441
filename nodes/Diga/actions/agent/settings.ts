/**
 * The settings of an agent that Create and Update Draft share: their fields, and one body builder that
 * checks each value and writes it under Diga's name. Values Diga offers (languages, modes, voicemail and
 * phone-menu actions, background audio) are those of the contract of July 2026.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { flag, InputError, requiredText, show, text } from '../../shared/helpers/validation';
import { idFrom, locator } from '../../shared/locators';
import { LANGUAGE_OPTIONS, LANGUAGES } from './languages';

export const MODES = ['free', 'path'] as const;
export const VOICEMAIL_ACTIONS = ['leave_message', 'hang_up'] as const;
export const PHONE_MENU_ACTIONS = ['navigate', 'hang_up'] as const;
export const NAVIGATION_MODES = ['goal', 'key_sequence'] as const;
export const BACKGROUND_AUDIO = ['call_center', 'cafe', 'road_traffic', 'park', 'office', 'car_garage'] as const;
const KEY_SEQUENCE = /^[0-9*#](?:\s*,?\s*[0-9*#])*$/;

export const voiceField = (description: string) => locator('voice', { name: 'voiceId', displayName: 'Voice', description, required: true });

export const languageField: INodeProperties = {
	displayName: 'Language',
	name: 'language',
	type: 'options',
	options: LANGUAGE_OPTIONS,
	default: 'es',
	description: 'The language the agent speaks. Multilingual speaks English and Spanish in the same call.',
};

export const promptField: INodeProperties = {
	displayName: 'Prompt',
	name: 'prompt',
	type: 'string',
	typeOptions: { rows: 6 },
	default: '',
	placeholder: 'e.g. You are the receptionist of Clínica Sol. Book, move and cancel appointments.',
	description: 'What the agent is and does: the instructions it follows in every call',
};

export const greetingField: INodeProperties = {
	displayName: 'Greeting',
	name: 'greeting',
	type: 'string',
	default: '',
	placeholder: 'e.g. Hola, Clínica Sol, ¿en qué puedo ayudarle?',
	description: 'What the agent says first when a call starts. Leave empty to let the agent begin on its own.',
};

const options = (values: readonly string[], names: Record<string, string>) =>
	values.map((value) => ({ name: names[value], value })).sort((a, b) => a.name.localeCompare(b.name));

/** A list of pickers (several knowledge bases, several items): one entry per ID. */
export function pickerList(kind: 'knowledgeBase' | 'knowledgeItem', name: string, displayName: string, description: string): INodeProperties {
	const what = kind === 'knowledgeBase' ? 'Knowledge Base' : 'Knowledge Item';
	return {
		displayName,
		name,
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: `Add ${what.toLowerCase()}`,
		default: {},
		description,
		options: [{ displayName: 'Entry', name: 'entry', values: [locator(kind, { name: 'id', displayName: what, description: `The ${what.toLowerCase()}: choose it from the list, or give its ID` })] }],
	};
}

/** The settings offered under Additional Fields (Create) and Update Fields (Update Draft), sorted by name. */
export const settingFields: INodeProperties[] = [
	{
		displayName: 'Background Audio',
		name: 'backgroundAudio',
		type: 'options',
		options: options(BACKGROUND_AUDIO, { call_center: 'Call Center', cafe: 'Cafe', road_traffic: 'Road Traffic', park: 'Park', office: 'Office', car_garage: 'Car Garage' }),
		default: 'office',
		description: 'A background sound under the calls of this agent',
	},
	locator('path', {
		name: 'conversationalPathId',
		displayName: 'Conversational Path',
		description: 'The structured conversation a Path-mode agent follows. Needed with Mode: Path.',
	}),
	{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'A note on what the agent is for; callers never hear it' },
	{ displayName: 'Max Reminder Count', name: 'maxReminderCount', type: 'number', typeOptions: { minValue: 0 }, default: 3, description: 'How many times the agent prompts a silent caller before it hangs up; 0 turns reminders off' },
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		options: [
			{ name: 'Free (Single Prompt)', value: 'free' },
			{ name: 'Path (Conversational Path)', value: 'path' },
		],
		default: 'free',
		description: 'Free follows the prompt; Path follows a conversational path, chosen under Conversational Path',
	},
	{
		displayName: 'Phone Menu Action',
		name: 'phoneMenuAction',
		type: 'options',
		options: options(PHONE_MENU_ACTIONS, { navigate: 'Navigate', hang_up: 'Hang Up' }),
		default: 'navigate',
		description: 'What the agent does when an outbound call reaches an automated phone menu',
	},
	{ displayName: 'Phone Menu Detection', name: 'phoneMenuDetection', type: 'boolean', default: false, description: 'Whether to detect automated phone menus (IVR) on outbound calls' },
	{ displayName: 'Phone Menu Goal', name: 'phoneMenuGoal', type: 'string', default: '', placeholder: 'e.g. Reach a human in billing', description: 'Where the agent steers a phone menu to, in Goal navigation' },
	{ displayName: 'Phone Menu Key Sequence', name: 'phoneMenuKeySequence', type: 'string', default: '', placeholder: 'e.g. 1,3,5', description: 'The keys (0-9, *, #) pressed in order, one per menu, in Key Sequence navigation' },
	{
		displayName: 'Phone Menu Navigation',
		name: 'phoneMenuNavigationMode',
		type: 'options',
		options: options(NAVIGATION_MODES, { goal: 'Goal', key_sequence: 'Key Sequence' }),
		default: 'goal',
		description: 'Whether the agent steers towards a goal or presses a fixed key sequence',
	},
	{ displayName: 'Reminder Frequency (Ms)', name: 'reminderFrequencyMs', type: 'number', typeOptions: { minValue: 1000 }, default: 7500, description: 'How long a caller may stay silent before the agent prompts them, in milliseconds' },
	{ displayName: 'Reminder Messages', name: 'reminderMessages', type: 'string', typeOptions: { rows: 3 }, default: '', placeholder: 'e.g. Are you still there?', description: 'What the agent says to a silent caller, one message per line. Empty: the agent words them itself.' },
	{ displayName: 'Time Before Start (S)', name: 'timeBeforeStart', type: 'number', typeOptions: { minValue: 0, numberPrecision: 1 }, default: 0, description: 'Seconds the agent waits before it speaks' },
	{
		displayName: 'Voicemail Action',
		name: 'voicemailAction',
		type: 'options',
		options: options(VOICEMAIL_ACTIONS, { leave_message: 'Leave Message', hang_up: 'Hang Up' }),
		default: 'leave_message',
		description: 'What the agent does when an outbound call reaches a voicemail',
	},
	{ displayName: 'Voicemail Detection', name: 'voicemailDetection', type: 'boolean', default: false, description: 'Whether to detect when an outbound call reaches a voicemail' },
	{ displayName: 'Voicemail Message', name: 'voicemailMessage', type: 'string', default: '', description: 'The message left on a voicemail; needed with Voicemail Detection on and Leave Message' },
	{ displayName: 'Volume', name: 'volume', type: 'number', typeOptions: { minValue: 0, maxValue: 100 }, default: 50, description: 'Loudness of the voice: 50 leaves it as it is, 0 is silent, 100 the loudest' },
];

/** The picker fields among the settings, for n8n to unwrap. */
export const SETTING_PICKERS = ['voiceId', 'conversationalPathId'];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], parameter: string, what: string): T {
	if ((allowed as readonly unknown[]).includes(value)) return value as T;
	const list = allowed.length > 10 ? `${allowed.slice(0, 10).join(', ')}, ...` : allowed.join(', ');
	throw new InputError(parameter, `${show(value)} is not ${what} Diga offers`, `Choose one from the list (${list}).`);
}

function numberIn(value: unknown, parameter: string, min: number, max = Infinity, whole = true): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number) || (whole && !Number.isInteger(number)) || number < min || number > max) {
		const range = max === Infinity ? `${min} or more` : `from ${min} to ${max}`;
		throw new InputError(parameter, `${show(value)} is not a ${whole ? 'whole ' : ''}number ${range}`, `Give ${parameter} as a ${whole ? 'whole ' : ''}number ${range}.`);
	}
	return number;
}

/** Text that may be cleared: empty sends null, which Diga reads as "none". */
const clearable = (value: unknown, parameter: string) => text(value, parameter) || null;

/** How each setting is checked and where it goes in Diga's body. */
const WRITERS: Record<string, (value: unknown) => [string, unknown]> = {
	name: (value) => ['name', requiredText(value, 'Name', 'Give the agent a name.')],
	voiceId: (value) => ['voice_id', idFrom(value, 'voice', 'Voice')],
	language: (value) => ['language', oneOf(value, LANGUAGES, 'Language', 'a language')],
	prompt: (value) => ['prompt', requiredText(value, 'Prompt', 'Write the instructions the agent follows in its calls.')],
	greeting: (value) => ['greeting', text(value, 'Greeting')],
	description: (value) => ['description', text(value, 'Description')],
	backgroundAudio: (value) => ['background_audio', oneOf(value, BACKGROUND_AUDIO, 'Background Audio', 'a background audio')],
	conversationalPathId: (value) => ['conversational_path_id', idFrom(value, 'path', 'Conversational Path')],
	maxReminderCount: (value) => ['max_reminder_count', numberIn(value, 'Max Reminder Count', 0)],
	mode: (value) => ['mode', oneOf(value, MODES, 'Mode', 'a mode')],
	phoneMenuAction: (value) => ['phone_menu_action', oneOf(value, PHONE_MENU_ACTIONS, 'Phone Menu Action', 'a phone menu action')],
	phoneMenuDetection: (value) => ['phone_menu_detection', flag(value, 'Phone Menu Detection')],
	phoneMenuGoal: (value) => ['phone_menu_goal', clearable(value, 'Phone Menu Goal')],
	phoneMenuKeySequence: (value) => {
		const keys = clearable(value, 'Phone Menu Key Sequence');
		if (keys !== null && !KEY_SEQUENCE.test(keys)) {
			throw new InputError('Phone Menu Key Sequence', `${show(keys)} is not a sequence of phone keys`, 'Use the keys 0-9, * and #, separated by commas, e.g. 1,3,5.');
		}
		return ['phone_menu_key_sequence', keys];
	},
	phoneMenuNavigationMode: (value) => ['phone_menu_navigation_mode', oneOf(value, NAVIGATION_MODES, 'Phone Menu Navigation', 'a navigation')],
	reminderFrequencyMs: (value) => ['reminder_frequency_ms', numberIn(value, 'Reminder Frequency (Ms)', 1000)],
	reminderMessages: (value) => [
		'reminder_messages',
		text(value, 'Reminder Messages')
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean),
	],
	timeBeforeStart: (value) => ['time_before_start', numberIn(value, 'Time Before Start (S)', 0, Infinity, false)],
	voicemailAction: (value) => ['voicemail_action', oneOf(value, VOICEMAIL_ACTIONS, 'Voicemail Action', 'a voicemail action')],
	voicemailDetection: (value) => ['voicemail_detection', flag(value, 'Voicemail Detection')],
	voicemailMessage: (value) => ['voicemail_message', clearable(value, 'Voicemail Message')],
	volume: (value) => ['volume', numberIn(value, 'Volume', 0, 100)],
};

/** Diga's body from the settings given, and only those: a field not added stays out. */
export function agentSettings(values: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(values)) {
		if (value === undefined || !Object.hasOwn(WRITERS, name)) continue;
		const [field, written] = WRITERS[name](value);
		body[field] = written as IDataObject[string];
	}
	return body;
}

/** A setting another one needs: missing from a create (where Diga's defaults are known), or cleared in the same request. */
function needs(body: IDataObject, creating: boolean, when: boolean, field: string, parameter: string, problem: string, hint: string): void {
	const missing = field in body ? !body[field] : creating;
	if (when && missing) throw new InputError(parameter, problem, hint);
}

/**
 * Settings that need each other, checked when they come together. For a create Diga's defaults count
 * (Leave Message, Navigate, Goal); for an update only what the request itself holds, since what the
 * agent already has is Diga's to check.
 */
export function checkTogether(body: IDataObject, creating: boolean): void {
	const defaults = (field: string, value: string) => body[field] ?? (creating ? value : undefined);
	needs(body, creating, body.mode === 'path', 'conversational_path_id', 'Conversational Path', 'is missing for Mode: Path', 'Add Conversational Path, or choose Mode: Free.');
	needs(
		body,
		creating,
		body.voicemail_detection === true && defaults('voicemail_action', 'leave_message') === 'leave_message',
		'voicemail_message',
		'Voicemail Message',
		'is empty while the agent leaves a message on voicemails',
		'Write the message, or set Voicemail Action to Hang Up.',
	);
	const navigating = body.phone_menu_detection === true && defaults('phone_menu_action', 'navigate') === 'navigate';
	const navigation = defaults('phone_menu_navigation_mode', 'goal');
	needs(body, creating, navigating && navigation === 'goal', 'phone_menu_goal', 'Phone Menu Goal', 'is empty while the agent steers phone menus towards a goal', 'Write the goal, e.g. Reach a human in billing, or choose Key Sequence navigation.');
	needs(body, creating, navigating && navigation === 'key_sequence', 'phone_menu_key_sequence', 'Phone Menu Key Sequence', 'is empty while the agent presses a key sequence', 'Give the keys, e.g. 1,3,5, or choose Goal navigation.');
}
