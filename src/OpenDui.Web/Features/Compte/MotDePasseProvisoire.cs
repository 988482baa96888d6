using OpenDui.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using OpenDui.Web.Features.Professionnels;

namespace OpenDui.Web.Features.Compte;

/// <summary>
/// A password the administrator chose when creating the account is provisional: it only lets its holder
/// choose their own (page /Compte/ChangerMotDePasse) before enrolling the second factor; no session, no token.
/// Kept in Identity's token table, like the authenticator key.
/// </summary>
public static class MotDePasseProvisoire
{
    private const string Fournisseur = "OpenDui";
    private const string Nom = "MotDePasseProvisoire";

    public static Task<IdentityResult> MarquerAsync(UserManager<Professionnel> users, Professionnel p) =>
        users.SetAuthenticationTokenAsync(p, Fournisseur, Nom, "1");

    public static async Task<bool> EstProvisoireAsync(UserManager<Professionnel> users, Professionnel p) =>
        await users.GetAuthenticationTokenAsync(p, Fournisseur, Nom) is not null;

    public static Task<IdentityResult> LeverAsync(UserManager<Professionnel> users, Professionnel p) =>
        users.RemoveAuthenticationTokenAsync(p, Fournisseur, Nom);
}
