using Microsoft.AspNetCore.Authorization;
using OpenDui.Web.Features.Professionnels;

namespace OpenDui.Web.Infrastructure.Security;

public static class Revendications
{
    public const string NomComplet = "opendui:nom";
    /// <summary>"amr"="mfa": set by Identity when the session was opened with the second factor.</summary>
    public const string SecondFacteur = "amr";
    public const string SecondFacteurValeur = "mfa";
}

/// <summary>
/// Coarse policies, checked on every page and endpoint from the roles carried by the session. Which usagers
/// a professional may see is decided per request by <see cref="PerimetreAcces"/>.
/// </summary>
public static class Politiques
{
    public const string LireDossiers = nameof(LireDossiers);
    public const string GererAdmissions = nameof(GererAdmissions);
    public const string GererEntourage = nameof(GererEntourage);
    public const string Administrer = nameof(Administrer);
    public const string Auditer = nameof(Auditer);
    public const string Identitovigilance = nameof(Identitovigilance);
    public const string Piloter = nameof(Piloter);
    /// <summary>Signed in with password only, second factor not enrolled yet: may only enrol it.</summary>
    public const string EnrolerSecondFacteur = nameof(EnrolerSecondFacteur);

    public static void Configurer(AuthorizationOptions o, bool secondFacteurObligatoire,
        Action<AuthorizationOptions, Func<AuthorizationPolicyBuilder>>? politiquesDesModules = null)
    {
        AuthorizationPolicyBuilder Base()
        {
            var b = new AuthorizationPolicyBuilder().RequireAuthenticatedUser();
            if (secondFacteurObligatoire) b.RequireClaim(Revendications.SecondFacteur, Revendications.SecondFacteurValeur);
            return b;
        }
        AuthorizationPolicy Roles(IEnumerable<Role> roles) => Base().RequireRole(roles.Select(r => r.ToString())).Build();

        o.AddPolicy(LireDossiers, Roles(Security.Roles.LecteursDeDossier));
        o.AddPolicy(GererAdmissions, Roles(Security.Roles.GestionnairesAdmission));
        o.AddPolicy(GererEntourage, Roles(Security.Roles.GestionnairesEntourage));
        o.AddPolicy(Administrer, Roles([Role.Administrateur]));
        o.AddPolicy(Auditer, Roles([Role.Dpo]));
        o.AddPolicy(Identitovigilance, Roles([Role.ReferentIdentitovigilance]));
        o.AddPolicy(Piloter, Roles(Security.Roles.Pilotes));
        o.AddPolicy(EnrolerSecondFacteur, new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        politiquesDesModules?.Invoke(o, Base);
        // Anything without an explicit policy still needs a complete sign-in.
        o.FallbackPolicy = Base().Build();
        o.DefaultPolicy = Base().Build();
    }
}
