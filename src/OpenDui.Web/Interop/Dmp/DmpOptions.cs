namespace OpenDui.Web.Interop.Dmp;

/// <summary>
/// Configuration section "Dmp". Nothing is sent to the DMP until <see cref="Configure"/> holds: the three service
/// addresses, the organisation's certificate, the software's homologation number and the installation's root OID. The
/// structure that acts is not configured: it is the ESSMS of the séjour concerned (its FINESS, name and sector), so a
/// grappe's ESSMS each feed the DMP under their own identity. Until
/// then every call of <see cref="IClientDmp"/> answers <see cref="ErreurDmp.NonConfigure"/> with a French message.
/// </summary>
public sealed class DmpOptions
{
    public const string Section = "Dmp";

    /// <summary>Address of the TD0.2 service (existence of the person's DMP and the structure's authorisation).</summary>
    public string? EndpointPatients { get; set; }
    /// <summary>Address of the XDS.b repository (TD2.1/TD2.2 ProvideAndRegisterDocumentSet-b, TD3.2 RetrieveDocumentSet).</summary>
    public string? EndpointDepot { get; set; }
    /// <summary>Address of the XDS.b registry (TD3.1 stored query, TD3.3 visibility update and deletion).</summary>
    public string? EndpointRegistre { get; set; }

    /// <summary>The organisation's certificate (PKCS#12 file and its password): mutual TLS and the VIHF signature.
    /// The password comes from the environment or user secrets, never git.</summary>
    public string? CertificatChemin { get; set; }
    public string? CertificatMotDePasse { get; set; }
    /// <summary>PEM of the authority of the DMP's server certificate, when it is not in the system store (test platforms, the simulator).</summary>
    public string? AutoriteServeurChemin { get; set; }

    /// <summary>Software identity of the VIHF (LPS_Nom, LPS_Version, LPS_ID_HOMOLOGATION_DMP) and the XDS sourceId (an OID of the software installation).</summary>
    public string LogicielNom { get; set; } = "OpenDUI";
    public string LogicielVersion { get; set; } = "1.0";
    public string? NumeroHomologation { get; set; }
    /// <summary>Root OID of the installation: the submission sets' sourceId and the root of their uniqueId.</summary>
    public string? OidRacine { get; set; }

    public int DelaiSecondes { get; set; } = 30;

    /// <summary>Accepts the INS of the national test and demonstration registers (test platforms and the simulator only).</summary>
    public bool AccepterOidTest { get; set; }

    /// <summary>Everything a call needs is set; otherwise nothing is ever sent.</summary>
    public bool Configure =>
        Rempli(EndpointPatients) && Rempli(EndpointDepot) && Rempli(EndpointRegistre) && Rempli(CertificatChemin)
        && Rempli(NumeroHomologation) && Rempli(OidRacine);

    /// <summary>The names of the missing settings, for the administrator's message (no values).</summary>
    public IReadOnlyList<string> Manquants()
    {
        var m = new List<string>();
        void V(string? v, string nom) { if (!Rempli(v)) m.Add($"{Section}:{nom}"); }
        V(EndpointPatients, nameof(EndpointPatients)); V(EndpointDepot, nameof(EndpointDepot)); V(EndpointRegistre, nameof(EndpointRegistre));
        V(CertificatChemin, nameof(CertificatChemin));
        V(NumeroHomologation, nameof(NumeroHomologation)); V(OidRacine, nameof(OidRacine));
        return m;
    }

    private static bool Rempli(string? v) => !string.IsNullOrWhiteSpace(v);
}
