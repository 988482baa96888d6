using Microsoft.AspNetCore.Authorization;

namespace OpenDui.Programme.Infrastructure.Securite;

/// <summary>Coarse policies by profile; which candidatures a caller sees is decided per query by <see cref="Perimetre"/>.</summary>
public static class Politiques
{
    public const string Deposer = nameof(Deposer);
    public const string Instruire = nameof(Instruire);
    public const string Piloter = nameof(Piloter);
    public const string Consulter = nameof(Consulter);
    public const string DecisionNationale = nameof(DecisionNationale);
    public const string Administrer = nameof(Administrer);
    /// <summary>Signed in with the password only, second factor not enrolled yet: may only enrol it (or sign out).</summary>
    public const string EnrolerSecondFacteur = nameof(EnrolerSecondFacteur);

    public static void Configurer(AuthorizationOptions o, bool secondFacteurObligatoire)
    {
        AuthorizationPolicyBuilder Base()
        {
            var b = new AuthorizationPolicyBuilder().RequireAuthenticatedUser();
            if (secondFacteurObligatoire) b.RequireClaim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur);
            return b;
        }
        AuthorizationPolicy P(params Profil[] profils) => Base().RequireRole(profils.Select(p => p.ToString())).Build();
        o.AddPolicy(Deposer, P(Profil.Porteur));
        o.AddPolicy(Instruire, P(Profil.InstructeurArs, Profil.Cnsa));
        o.AddPolicy(Piloter, P(Profil.InstructeurArs, Profil.Cnsa, Profil.Dns));
        o.AddPolicy(Consulter, P(Profil.Porteur, Profil.InstructeurArs, Profil.Cnsa, Profil.Dns));
        o.AddPolicy(DecisionNationale, P(Profil.Cnsa, Profil.Dns));
        o.AddPolicy(Administrer, P(Profil.Administrateur));
        o.AddPolicy(EnrolerSecondFacteur, new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        // Anything without an explicit policy still needs a complete sign-in.
        o.FallbackPolicy = Base().Build();
        o.DefaultPolicy = Base().Build();
    }
}

/// <summary>
/// Which candidatures a caller may see: a porteur its own; an ARS instructor those its region instructs and
/// the national projects with an ESSMS in its region (followed, read-only); the CNSA and DNS all of them.
/// </summary>
public static class Perimetre
{
    public static IQueryable<Features.Candidatures.Candidature> Visibles(this IQueryable<Features.Candidatures.Candidature> q, Acteur a) => a.Profil switch
    {
        Profil.Cnsa or Profil.Dns => q,
        Profil.InstructeurArs => q.Where(c => c.Statut != Features.Candidatures.StatutCandidature.Brouillon
            && (c.RegionInstructrice == a.Region || (c.RegionInstructrice == null && c.Essms.Any(e => e.RegionCode == a.Region)))),
        Profil.Porteur => q.Where(c => c.PorteurId == a.PorteurId),
        _ => q.Where(c => false),
    };

    /// <summary>May this caller act as instructor on this candidature? (the ARS of its region; the CNSA for the national call)</summary>
    public static bool PeutInstruire(this Acteur a, Features.Candidatures.Candidature c) =>
        c.RegionInstructrice is null ? a.Profil == Profil.Cnsa : a.Profil == Profil.InstructeurArs && a.Region == c.RegionInstructrice;
}
