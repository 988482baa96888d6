using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDui.Web.Infrastructure.Security;

namespace OpenDui.Web.Features.Compte;

/// <summary>The professional Pro Santé Connect identified, before their match with a local account.</summary>
public sealed record IdentitePsc(string IdentifiantNational, string? Prenom, string? Nom, string CleSession)
{
    public string NomComplet => string.Join(" ", new[] { Prenom, Nom?.ToUpperInvariant() }.Where(x => !string.IsNullOrWhiteSpace(x)));

    public static IdentitePsc? De(ClaimsPrincipal? p) =>
        p?.FindFirstValue(ProSanteConnect.RevendicationIdentifiant) is { Length: > 0 } id && p.FindFirstValue(ProSanteConnect.RevendicationSession) is { Length: > 0 } cle
            ? new IdentitePsc(id, p.FindFirstValue(ProSanteConnect.RevendicationPrenom), p.FindFirstValue(ProSanteConnect.RevendicationNom), cle)
            : null;
}

public enum IssuePsc { Connecte, NonLie, Refuse, Absente }

/// <summary>
/// Matches the identity Pro Santé Connect gave with the local account that recorded its national identifier, and opens
/// that account's session: its rights are only the habilitations granted here (PSC says who, never what). An identity
/// no account holds gets no account: its holder links it once, signed in locally (password and code).
/// </summary>
public sealed class ConnexionProSanteConnect(UserManager<Professionnel> users, SignInManager<Professionnel> signIn, SessionsPsc sessions,
    OptionsProSanteConnect options, IOptionsMonitor<OpenIdConnectOptions> oidc, IHttpContextAccessor http)
{
    private HttpContext Http => http.HttpContext!;

    /// <summary>The identity waiting in the external cookie (at most 15 minutes after the provider's answer).</summary>
    public async Task<IdentitePsc?> IdentiteEnAttenteAsync() =>
        options.Configuree ? IdentitePsc.De((await Http.AuthenticateAsync(ProSanteConnect.SchemaExterne)).Principal) : null;

    public async Task<(IssuePsc Issue, IdentitePsc? Identite)> ConnecterAsync()
    {
        if (await IdentiteEnAttenteAsync() is not { } psc) return (IssuePsc.Absente, null);
        var compte = await users.Users.SingleOrDefaultAsync(p => p.IdentifiantNational == psc.IdentifiantNational);
        if (compte is null) return (IssuePsc.NonLie, psc);
        if (!await signIn.CanSignInAsync(compte) || await users.IsLockedOutAsync(compte))
        {
            await Http.SignOutAsync(ProSanteConnect.SchemaExterne);
            return (IssuePsc.Refuse, psc);
        }
        await OuvrirSessionAsync(compte, psc);
        return (IssuePsc.Connecte, psc);
    }

    /// <summary>Records the waiting identity's national identifier on the signed-in account (the change trail keeps who
    /// linked what, when), and makes this session a PSC one.</summary>
    public async Task<Resultat<IdentitePsc>> LierAsync(ClaimsPrincipal utilisateur)
    {
        if (await IdentiteEnAttenteAsync() is not { } psc)
            return Resultat<IdentitePsc>.Invalide("", "Aucune identité Pro Santé Connect en attente : reconnectez-vous avec Pro Santé Connect, puis liez-la dans les 15 minutes.");
        var compte = await users.GetUserAsync(utilisateur);
        if (compte is null) return Resultat<IdentitePsc>.Invalide("", "Compte introuvable.");
        if (compte.IdentifiantNational == psc.IdentifiantNational) { await OuvrirSessionAsync(compte, psc, nouvelleConnexion: false); return Resultat<IdentitePsc>.Ok(psc); }
        if (compte.IdentifiantNational is not null)
            return Resultat<IdentitePsc>.Invalide("", "Votre compte est déjà lié à un autre identifiant national. Demandez à l'administrateur de vérifier votre compte.");
        if (await users.Users.AnyAsync(p => p.IdentifiantNational == psc.IdentifiantNational))
            return Resultat<IdentitePsc>.Invalide("", "Cet identifiant national est déjà lié à un autre compte. Contactez l'administrateur.");
        compte.IdentifiantNational = psc.IdentifiantNational;
        IdentityResult r;
        try { r = await users.UpdateAsync(compte); }
        catch (DbUpdateException) { r = IdentityResult.Failed(); }
        if (!r.Succeeded)
            return Resultat<IdentitePsc>.Invalide("", "Cet identifiant national est déjà lié à un autre compte. Contactez l'administrateur.");
        await OuvrirSessionAsync(compte, psc, nouvelleConnexion: false);
        return Resultat<IdentitePsc>.Ok(psc);
    }

    private async Task OuvrirSessionAsync(Professionnel compte, IdentitePsc psc, bool nouvelleConnexion = true)
    {
        await sessions.AttribuerAsync(psc.CleSession, compte.Id, Http.RequestAborted);
        var proprietes = new AuthenticationProperties();
        proprietes.Items[MethodesConnexion.Cle] = MethodesConnexion.ProSanteConnect;
        proprietes.Items[ProSanteConnect.RevendicationSession] = psc.CleSession;
        if (!nouvelleConnexion)
        {
            // Linking within a local session: the same session goes on (its start kept), now holding the PSC tokens.
            var actuelle = await Http.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            foreach (var (k, v) in actuelle.Properties?.Items ?? new Dictionary<string, string?>())
                proprietes.Items.TryAdd(k, v);
        }
        // Pro Santé Connect authenticates with a card or e-CPS: a strong authentication, the second factor's equivalent.
        await signIn.SignInWithClaimsAsync(compte, proprietes, [new Claim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur)]);
        await Http.SignOutAsync(ProSanteConnect.SchemaExterne);
    }

    /// <summary>Ends this session's PSC entry; the provider's logout address (with id_token_hint) when it has one.</summary>
    public async Task<string?> TerminerAsync()
    {
        var idToken = await sessions.TerminerAsync(Http, Http.RequestAborted);
        if (idToken is null || !options.Configuree) return null;
        var o = oidc.Get(ProSanteConnect.Schema);
        var config = await o.ConfigurationManager!.GetConfigurationAsync(Http.RequestAborted);
        if (string.IsNullOrEmpty(config.EndSessionEndpoint)) return null;
        // On Unix "/x" parses as an absolute file URI: only http(s) addresses are taken as given.
        var retour = Uri.TryCreate(options.RedirectionApresDeconnexion, UriKind.Absolute, out var absolue) && absolue.Scheme is "https" or "http"
            ? absolue.ToString()
            : $"{Http.Request.Scheme}://{Http.Request.Host}{Http.Request.PathBase}{options.RedirectionApresDeconnexion}";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(config.EndSessionEndpoint, new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken,
            ["post_logout_redirect_uri"] = retour,
            ["client_id"] = options.ClientId,
        });
    }
}
