// A Pro Santé Connect look-alike for the DUI's tests: a real OpenID Connect provider (oidc-provider 9, Node 22) on
// loopback, with PSC's scope_all claims (SubjectNameID, given_name, family_name, SubjectRefPro), acr eidas1, PKCE
// required, userinfo as a signed JWT for clients that ask for it, RP-initiated logout; token introspection (RFC 7662) for
// the mail servers of the tests, which check the professional's token when their personal MSSanté mailbox submits (SASL
// XOAUTH2): the introspection client is configuration.introspection {client_id, client_secret} (HTTP Basic), and an access
// token carries "email", the professional's personal MSSanté address (configuration.adressesMss[SubjectNameID]).
// Usage: node fournisseur.mjs <configuration.json>; prints {"issuer": "..."} on one line once listening.
// The configuration: {"clients": [oidc-provider client metadata...], "comptes": {"<SubjectNameID>": {given_name, family_name, SubjectRefPro}}}.
// The login page is this script's own: a professional's SubjectNameID, and the acr the session gets (eidas1 unless
// the test says otherwise, to prove the DUI refuses another level).
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

const configuration = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const comptes = configuration.comptes ?? {};
const adressesMss = configuration.adressesMss ?? {};
const clients = [...configuration.clients];
if (configuration.introspection) {
  clients.push({
    client_id: configuration.introspection.client_id, client_secret: configuration.introspection.client_secret,
    token_endpoint_auth_method: 'client_secret_basic', grant_types: [], response_types: [], redirect_uris: [],
  });
}

const cle = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
Object.assign(cle, { kid: 'psc-test-1', alg: 'RS256', use: 'sig' });

const echapper = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const serveur = http.createServer();
serveur.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${serveur.address().port}`;
  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [cle] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: ['openid', 'scope_all'],
    claims: {
      openid: ['sub'],
      scope_all: ['SubjectNameID', 'given_name', 'family_name', 'SubjectRefPro', 'SubjectRole', 'otherIds'],
    },
    acrValues: ['eidas1', 'eidas2', 'eidas3'],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      introspection: { enabled: true },
    },
    // The operator of a personal MSSanté mailbox matches the token to the mailbox by this claim.
    async extraTokenClaims(ctx, token) {
      const adresse = token.kind === 'AccessToken' ? adressesMss[token.accountId] : undefined;
      return adresse ? { email: adresse } : undefined;
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    // The DUI is a first-party client: the grant of what it asks is implicit (no consent page).
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid scope_all');
      await grant.save();
      return grant;
    },
    async findAccount(ctx, id) {
      const c = comptes[id] ?? { given_name: 'Inconnu', family_name: `PRO${id}` };
      return {
        accountId: id,
        async claims() {
          return {
            // PSC's sub is not the national identifier: the DUI must match on SubjectNameID.
            sub: `f:psc-test:${id}`,
            SubjectNameID: id,
            given_name: c.given_name,
            family_name: c.family_name,
            SubjectRole: ['10'],
            SubjectRefPro: c.SubjectRefPro ?? { codeCivilite: 'M', exercices: [{ codeProfession: '60', activities: [] }] },
          };
        },
      };
    },
  });
  const rappel = provider.callback();

  serveur.on('request', async (req, res) => {
    try {
      const m = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url);
      if (!m) return rappel(req, res);
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'POST' && m[2]) {
        let corps = '';
        for await (const morceau of req) corps += morceau;
        const f = new URLSearchParams(corps);
        return await provider.interactionFinished(req, res,
          { login: { accountId: f.get('login'), acr: f.get('acr') || 'eidas1' } }, { mergeWithLastSubmission: false });
      }
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(`<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Pro Santé Connect (test)</title></head><body>
<h1>Pro Santé Connect (fournisseur de test)</h1>
<form method="post" action="/interaction/${echapper(details.uid)}/login">
<label for="login">Identifiant national</label> <input id="login" name="login" required autofocus>
<input type="hidden" name="acr" value="eidas1">
<button type="submit">Valider</button>
</form></body></html>`);
    } catch (e) {
      res.statusCode = 400;
      res.end(`Erreur d'interaction : ${e.message}`);
    }
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

// Ends with the test run: the fixture closes stdin (or kills the process).
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
