using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace OpenDui.Tests.Interop.Cda;

/// <summary>One finding of a check: an XSD error, or a schematron assertion (with its role).</summary>
public sealed record Constat(string Source, string Message, string? Emplacement = null, string? Role = null)
{
    public override string ToString() => $"[{Source}{(Role is null ? "" : "/" + Role)}] {Emplacement} {Message}".Trim();
}

/// <summary>What one document gave: errors (XSD, schematron assertions of role error/fatal or without role) and warnings.</summary>
public sealed record RapportConformite(IReadOnlyList<Constat> Erreurs, IReadOnlyList<Constat> Avertissements);

/// <summary>
/// The conformance pipeline of the ANS kit (../shared/conformance/cda): the CDA schema as extended for France
/// (.NET XmlSchemaSet), then schematrons compiled once into XSLT (cached under /tmp by content hash) and run by
/// Saxon-HE (Debian's libsaxonhe-java, installed by tests/run.sh) in one JVM per schematron over a whole batch.
/// </summary>
public static partial class ConformiteCda
{
    public static string Kit([System.Runtime.CompilerServices.CallerFilePath] string chemin = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(chemin)!, "../../../../../shared/conformance/cda"));

    public static string StructurationMinimale => Path.Combine(Kit(), "schematrons/profils/structurationMinimale/ASIP-STRUCT-MIN-StrucMin.sch");
    public static string SchematronDlu => Path.Combine(Kit(), "schematrons/CI-SIS_DLU-EHPAD-DLU_2022.01.sch");
    public const string Saxon = "/usr/share/java/Saxon-HE.jar";
    private static readonly string Cache = Path.Combine(Path.GetTempPath(), "opendui-cda-schematron");

    /// <summary>
    /// CDA_extended.xsd as the kit has it, with two adaptations to .NET's XSD processor, stricter than the kit's Java
    /// (Xerces): the import of the XSLT 2.0 schema is left out (no CDA element uses it; .NET rejects that schema), and
    /// the "schema fix" wildcard of the ED type (datatypes-base.xsd: any element of another namespace, for embedded
    /// XML) names XHTML and XML-DSig instead of ##other: included as a chameleon into the pharmacy and DICOM
    /// namespaces, ##other breaks the unique particle rule for .NET, which then drops the whole schema set.
    /// </summary>
    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var pocd = new Uri(Path.Combine(Kit(), "infrastructure/cda/POCD_MT000040_extended_pharmacy.xsd")).AbsoluteUri;
        var enveloppe = $"""
            <xs:schema targetNamespace="urn:hl7-org:v3" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:hl7-org:v3"
                elementFormDefault="qualified" attributeFormDefault="unqualified">
              <xs:include schemaLocation="{pocd}"/>
              <xs:element name="ClinicalDocument" type="POCD_MT000040.ClinicalDocument"/>
            </xs:schema>
            """;
        var set = new XmlSchemaSet { XmlResolver = new ResolveurCda() };
        var erreurs = new List<string>();
        set.ValidationEventHandler += (_, e) => erreurs.Add($"{e.Exception.SourceUri}:{e.Exception.LineNumber} {e.Message}");
        using var r = XmlReader.Create(new StringReader(enveloppe), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = new ResolveurCda() });
        set.Add(null, r);
        set.Compile();
        if (erreurs.Count > 0 || set.GlobalElements.Count == 0) throw new InvalidOperationException("Schéma CDA : " + string.Join("\n", erreurs));
        return set;
    });

    private sealed class ResolveurCda : XmlUrlResolver
    {
        public override object? GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            if (!absoluteUri.AbsolutePath.EndsWith("/general/datatypes-base.xsd", StringComparison.Ordinal))
                return base.GetEntity(absoluteUri, role, ofObjectToReturn);
            var texte = File.ReadAllText(absoluteUri.LocalPath);
            const string Joker = "<xs:any minOccurs=\"0\" namespace=\"##other\" processContents=\"skip\" />";
            if (!texte.Contains(Joker, StringComparison.Ordinal)) throw new InvalidOperationException("datatypes-base.xsd a changé : revoir l'adaptation du type ED.");
            return new MemoryStream(Encoding.UTF8.GetBytes(texte.Replace(Joker,
                "<xs:any minOccurs=\"0\" namespace=\"http://www.w3.org/1999/xhtml http://www.w3.org/2000/09/xmldsig#\" processContents=\"skip\" />")));
        }
    }

    public static IReadOnlyList<Constat> Xsd(byte[] document)
    {
        var erreurs = new List<Constat>();
        var reglages = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value, DtdProcessing = DtdProcessing.Ignore };
        // An element or type the schema does not know is only a warning for .NET: here it is an error.
        reglages.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        reglages.ValidationEventHandler += (_, e) => erreurs.Add(new Constat("XSD", e.Message, $"ligne {e.Exception?.LineNumber}"));
        using var r = XmlReader.Create(new MemoryStream(document), reglages);
        while (r.Read()) { }
        return erreurs;
    }

    /// <summary>The compiled stylesheet of a schematron, from the cache when the schematron and the compiler did not change.</summary>
    public static string Compiler(string cheminSch)
    {
        Directory.CreateDirectory(Cache);
        var dossier = Path.GetDirectoryName(Path.GetFullPath(cheminSch))!;
        var remplacements = ValeursManquantes(cheminSch, dossier);
        var empreinte = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('|', Path.GetFullPath(cheminSch), File.GetLastWriteTimeUtc(cheminSch).Ticks,
                typeof(CompilateurSchematron).Assembly.ManifestModule.ModuleVersionId, string.Join(',', remplacements)))))[..16];
        var cible = Path.Combine(Cache, $"{Path.GetFileNameWithoutExtension(cheminSch)}-{empreinte}.xsl");
        if (!File.Exists(cible))
        {
            var temporaire = cible + "." + Guid.NewGuid().ToString("N");
            CompilateurSchematron.Compiler(cheminSch, remplacements).Save(temporaire);
            File.Move(temporaire, cible, overwrite: true);
        }
        return cible;
    }

    /// <summary>
    /// The kit's art-decor export lacks some value sets its rules read (e.g. JDV_J07 XdsTypeCode,
    /// voc-1.2.250.1.213.1.1.5.471): each is rebuilt under /tmp from the ANS value set of the same OID in
    /// jeuxDeValeurs/, and the rule reads that copy.
    /// </summary>
    private static Dictionary<string, string> ValeursManquantes(string cheminSch, string dossier)
    {
        var remplacements = new Dictionary<string, string>();
        var fichiers = Directory.EnumerateFiles(dossier, "*.sch", SearchOption.AllDirectories);
        foreach (var f in fichiers)
            foreach (Match m in ReferenceVoc().Matches(File.ReadAllText(f)))
            {
                var relatif = m.Groups[1].Value;
                if (remplacements.ContainsKey($"'{relatif}'") || File.Exists(Path.Combine(dossier, relatif))) continue;
                var oid = m.Groups[2].Value;
                var source = Directory.EnumerateFiles(Path.Combine(Kit(), "jeuxDeValeurs"), "*.xml")
                    .FirstOrDefault(j => File.ReadAllText(j).Contains($"id=\"{oid}\"", StringComparison.Ordinal));
                if (source is null) continue;
                XNamespace svs = "urn:ihe:iti:svs:2008";
                var copie = new XDocument(new XElement("valueSets", new XElement("valueSet", new XAttribute("id", oid),
                    new XElement("conceptList", XDocument.Load(source).Descendants(svs + "Concept").Select(c =>
                        new XElement("concept", new XAttribute("code", (string)c.Attribute("code")!), new XAttribute("codeSystem", (string)c.Attribute("codeSystem")!),
                            new XAttribute("displayName", (string?)c.Attribute("displayName") ?? "")))))));
                Directory.CreateDirectory(Cache);
                var chemin = Path.Combine(Cache, Path.GetFileName(relatif));
                copie.Save(chemin);
                remplacements[$"'{relatif}'"] = $"'{new Uri(chemin).AbsoluteUri}'";
            }
        return remplacements;
    }

    [GeneratedRegex(@"doc\('(include/voc-([0-9.]+)-DYNAMIC\.xml)'\)")]
    private static partial Regex ReferenceVoc();

    /// <summary>Runs one schematron over a batch of documents (one JVM), and reads each SVRL.</summary>
    public static Dictionary<string, RapportConformite> Schematron(string cheminSch, IReadOnlyDictionary<string, byte[]> documents)
    {
        var xsl = Compiler(cheminSch);
        var lot = Path.Combine(Path.GetTempPath(), "opendui-cda-lot-" + Guid.NewGuid().ToString("N"));
        var entree = Directory.CreateDirectory(Path.Combine(lot, "entree")).FullName;
        var sortie = Directory.CreateDirectory(Path.Combine(lot, "sortie")).FullName;
        try
        {
            foreach (var (nom, octets) in documents) File.WriteAllBytes(Path.Combine(entree, nom + ".xml"), octets);
            var psi = new ProcessStartInfo("java") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "-cp", Saxon, "net.sf.saxon.Transform", $"-s:{entree}", $"-xsl:{xsl}", $"-o:{sortie}" })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"Saxon a échoué ({p.ExitCode}) : {stderr.Result}");
            var source = Path.GetFileName(cheminSch);
            return documents.Keys.ToDictionary(n => n, n => Lire(source, XDocument.Load(Path.Combine(sortie, n + ".xml"))));
        }
        finally { Directory.Delete(lot, recursive: true); }
    }

    private static RapportConformite Lire(string source, XDocument svrl)
    {
        XNamespace s = "http://purl.oclc.org/dsdl/svrl";
        var constats = svrl.Descendants().Where(e => e.Name == s + "failed-assert" || e.Name == s + "successful-report")
            .Select(e => new Constat(source, Regex.Replace(((string?)e.Element(s + "text") ?? "").Trim(), @"\s+", " "),
                (string?)e.Attribute("location"), (string?)e.Attribute("role"))).ToList();
        return new RapportConformite(
            constats.Where(c => c.Role is null or "error" or "fatal" or "erreur").ToList(),
            constats.Where(c => c.Role is not (null or "error" or "fatal" or "erreur")).ToList());
    }
}
