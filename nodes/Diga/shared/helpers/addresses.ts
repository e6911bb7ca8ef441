import { InputError, requiredText, show, text } from './validation';

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

function isIPv4(value: string): boolean {
	const parts = value.split('.');
	return parts.length === 4 && parts.every((part) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(part));
}

function isIPv6(value: string): boolean {
	let address = value;
	let groupsNeeded = 8;
	const lastColon = address.lastIndexOf(':');
	if (address.includes('.')) {
		if (!isIPv4(address.slice(lastColon + 1))) return false;
		address = `${address.slice(0, lastColon + 1)}0`;
		groupsNeeded = 7;
	}
	const halves = address.split('::');
	if (halves.length > 2) return false;
	const group = /^[0-9A-Fa-f]{1,4}$/;
	const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
	if (!groups.every((list) => list.every((g) => group.test(g)))) return false;
	const count = groups[0].length + (groups[1]?.length ?? 0);
	return halves.length === 2 ? count < groupsNeeded : count === groupsNeeded;
}

/** An IPv4 or IPv6 address, or a CIDR block of either. */
export function isIpOrCidr(value: string): boolean {
	const [address, prefix, extra] = value.split('/');
	if (extra !== undefined) return false;
	const v4 = isIPv4(address);
	if (!v4 && !isIPv6(address)) return false;
	if (prefix === undefined) return true;
	return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (v4 ? 32 : 128);
}

/** Accepts a comma- or newline-separated list, or an array from an expression. */
export function allowedAddresses(value: unknown, parameter = 'Allowed Addresses'): string[] {
	const entries = Array.isArray(value) ? value : text(value, parameter).split(/[,\n]/);
	const addresses = entries.map((entry) => text(entry, parameter)).filter((entry) => entry !== '');
	for (const address of addresses) {
		if (!isIpOrCidr(address)) {
			throw new InputError(
				parameter,
				`${show(address)} is not an IP address or CIDR block`,
				'List IPv4 or IPv6 addresses or CIDR blocks, separated by commas (e.g. 203.0.113.10, 198.51.100.0/24, 2001:db8::/32).',
			);
		}
	}
	return addresses;
}

/** The value as typed, with the password of a `user:password@` part masked: refused values are echoed. */
function maskPassword(value: string): string {
	const scheme = /^sips?:/i.exec(value)?.[0] ?? '';
	const rest = value.slice(scheme.length);
	const at = rest.lastIndexOf('@');
	const colon = rest.indexOf(':');
	return colon === -1 || colon > at ? value : `${scheme}${rest.slice(0, colon)}:***${rest.slice(at)}`;
}

/**
 * Diga wants the host (and optional port) where SIP INVITEs go, without the scheme. People paste
 * `sip:` URIs from their carrier's portal, so the scheme is removed; anything else is refused rather
 * than passed on to fail later on a live call.
 */
export function terminationUri(value: unknown, parameter = 'Termination URI'): string {
	const hint = 'Enter the host name or IP address of your SIP trunk, optionally with a port, and nothing else (e.g. mytrunk.pstn.twilio.com or 203.0.113.10:5060).';
	const typed = requiredText(value, parameter, hint);
	const uri = typed.replace(/^sips?:/i, '');
	if (uri.includes('@')) {
		const shown = maskPassword(typed);
		throw new InputError(
			parameter,
			`${show(shown)} carries a user name${shown === typed ? '' : ' and password'}`,
			"Enter the user name and password in the credential's SIP Trunk Username and SIP Trunk Password fields, and only the host here, optionally with a port (e.g. mytrunk.pstn.twilio.com:5060).",
		);
	}
	if (isIPv6(uri)) {
		throw new InputError(
			parameter,
			`${show(uri)} is an IPv6 address without square brackets`,
			`Put an IPv6 address in square brackets, with the port after them: [${uri}]:5060, or [${uri}] for the default port.`,
		);
	}
	const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(uri);
	const host = match?.[1] ?? '';
	const hostOk = host.startsWith('[') ? isIPv6(host.slice(1, -1)) : isIPv4(host) || (HOSTNAME.test(host) && !/^[\d.]+$/.test(host));
	const port = match?.[2] === undefined ? 1 : Number(match[2]);
	if (hostOk && port >= 1 && port <= 65535) return uri;
	throw new InputError(parameter, `${show(uri)} is not a host name or IP address with an optional port`, hint);
}
