namespace OpenDui.Web.Interop.Insi;

/// <summary>Configuration section "Insi". The adapter is registered only when <see cref="Endpoint"/> is set; the
/// options themselves always are (the identity rules read <see cref="AccepterOidTest"/>).</summary>
public sealed class InsiOptions
{
    public const string Section = "Insi";

    /// <summary>URL of the INSi teleservice (production or the Assurance Maladie's test platform).</summary>
    public string? Endpoint { get; set; }

    /// <summary>The organisation's software certificate (PKCS#12 file and password, or a thumbprint in the
    /// CurrentUser/My or LocalMachine/My store).</summary>
    public string? CertificatChemin { get; set; }
    public string? CertificatMotDePasse { get; set; }
    public string? CertificatEmpreinte { get; set; }

    /// <summary>Optional PEM file of the authority that signs the server certificate, when it is not in the
    /// system's trust store (test platforms, the simulator).</summary>
    public string? AutoriteServeurChemin { get; set; }

    /// <summary>Software identity sent in the LPS context header (name, version, authorisation number).</summary>
    public string LogicielNom { get; set; } = "OpenDUI";
    public string LogicielVersion { get; set; } = "1.0";
    public string? NumeroAutorisation { get; set; }
    /// <summary>Sender identifier of the BAM/LPS contexts (the organisation's identifier at the Assurance Maladie).</summary>
    public string? Emetteur { get; set; }

    public int DelaiSecondes { get; set; } = 15;

    /// <summary>Accepts the INS of the national test and demonstration registers (OIDs 1.2.250.1.213.1.4.10 and
    /// .11) from INSi, manual entry and in outward identifiers. Development and test installations only: false
    /// by default, so a test identity is never taken for a real one in production.</summary>
    public bool AccepterOidTest { get; set; }
}
