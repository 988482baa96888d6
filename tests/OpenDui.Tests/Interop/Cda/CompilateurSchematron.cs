using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OpenDui.Tests.Interop.Cda;

/// <summary>
/// Compiles an ISO Schematron schema (queryBinding xslt2) into an XSLT 3.0 stylesheet that writes SVRL, for Saxon-HE.
/// No ISO Schematron compiler is packaged in the registries the project reaches (Debian, npm, NuGet), so the tests
/// carry this small one: includes, abstract patterns (is-a/param), abstract rules (extends), lets at schema, pattern
/// and rule level, phases (defaultPhase, else every pattern), one rule per node and pattern (first match wins),
/// assert/report with value-of and name. The relative paths the rules pass to doc()/document() resolve against the
/// schema's own location (xml:base), as in the ANS kit.
/// </summary>
public static partial class CompilateurSchematron
{
    private static readonly XNamespace S = "http://purl.oclc.org/dsdl/schematron";
    private static readonly XNamespace X = "http://www.w3.org/1999/XSL/Transform";
    private static readonly XNamespace Svrl = "http://purl.oclc.org/dsdl/svrl";

    /// <param name="remplacements">literal paths in the rules to replace (e.g. a value set the kit lacks, rebuilt elsewhere).</param>
    public static XDocument Compiler(string cheminSch, IReadOnlyDictionary<string, string>? remplacements = null)
    {
        var schema = Developper(XDocument.Load(cheminSch, LoadOptions.SetBaseUri).Root!, Path.GetDirectoryName(Path.GetFullPath(cheminSch))!);
        var espaces = new Dictionary<string, string>();
        foreach (var ns in schema.Descendants(S + "ns"))
            espaces.TryAdd((string)ns.Attribute("prefix")!, (string)ns.Attribute("uri")!);

        var reglesAbstraites = schema.Descendants(S + "rule").Where(r => (string?)r.Attribute("abstract") == "true")
            .GroupBy(r => (string)r.Attribute("id")!).ToDictionary(g => g.Key, g => g.First());
        var motifsAbstraits = schema.Descendants(S + "pattern").Where(p => (string?)p.Attribute("abstract") == "true")
            .GroupBy(p => (string)p.Attribute("id")!).ToDictionary(g => g.Key, g => g.First());

        var motifs = schema.Descendants(S + "pattern").Where(p => (string?)p.Attribute("abstract") != "true")
            .Select(p => p.Attribute("is-a") is { } isa ? Instancier(motifsAbstraits[(string)isa], p) : p).ToList();
        if ((string?)schema.Attribute("defaultPhase") is { } phase && phase != "#ALL"
            && schema.Elements(S + "phase").FirstOrDefault(f => (string?)f.Attribute("id") == phase) is { } ph)
        {
            var actifs = ph.Elements(S + "active").Select(a => (string)a.Attribute("pattern")!).ToHashSet();
            motifs = motifs.Where(m => m.Attribute("id") is { } id && actifs.Contains((string)id)).ToList();
        }

        string Remplacer(string xpath)
        {
            if (remplacements is null) return xpath;
            foreach (var (de, vers) in remplacements) xpath = xpath.Replace(de, vers, StringComparison.Ordinal);
            return xpath;
        }

        var feuille = new XElement(X + "stylesheet", new XAttribute("version", "3.0"),
            new XAttribute(XNamespace.Xml + "base", new Uri(Path.GetFullPath(cheminSch)).AbsoluteUri),
            new XAttribute(XNamespace.Xmlns + "xsl", X), new XAttribute(XNamespace.Xmlns + "svrl", Svrl),
            new XAttribute(XNamespace.Xmlns + "xs", "http://www.w3.org/2001/XMLSchema"),
            espaces.Where(e => e.Key is not ("xsl" or "svrl" or "xs" or "xml")).Select(e => new XAttribute(XNamespace.Xmlns + e.Key, e.Value)),
            new XElement(X + "output", new XAttribute("method", "xml"), new XAttribute("indent", "no")));

        // Lets of the schema and of the patterns are global, as in the ISO skeleton.
        foreach (var let in schema.Elements(S + "let").Concat(motifs.SelectMany(m => m.Elements(S + "let"))))
            feuille.Add(new XElement(X + "variable", new XAttribute("name", (string)let.Attribute("name")!), new XAttribute("select", Remplacer((string)let.Attribute("value")!))));

        var racine = new XElement(X + "template", new XAttribute("match", "/"),
            new XElement(Svrl + "schematron-output", new XAttribute("title", (string?)schema.Element(S + "title") ?? "")));
        feuille.Add(racine);
        var sortie = racine.Element(Svrl + "schematron-output")!;

        for (var i = 0; i < motifs.Count; i++)
        {
            var mode = "M" + i;
            sortie.Add(new XElement(Svrl + "active-pattern", new XAttribute("id", (string?)motifs[i].Attribute("id") ?? mode)),
                new XElement(X + "apply-templates", new XAttribute("select", "/"), new XAttribute("mode", mode)));
            var regles = motifs[i].Elements(S + "rule").Where(r => (string?)r.Attribute("abstract") != "true").ToList();
            for (var j = 0; j < regles.Count; j++)
            {
                var modele = new XElement(X + "template", new XAttribute("match", Remplacer((string)regles[j].Attribute("context")!)),
                    new XAttribute("priority", 10000 - j), new XAttribute("mode", mode),
                    new XElement(Svrl + "fired-rule", new XAttribute("context", (string)regles[j].Attribute("context")!)));
                Corps(regles[j], modele, reglesAbstraites, Remplacer, 0);
                modele.Add(new XElement(X + "apply-templates", new XAttribute("select", "@*|node()"), new XAttribute("mode", mode)));
                feuille.Add(modele);
            }
            feuille.Add(new XElement(X + "template", new XAttribute("match", "text()|comment()|processing-instruction()"), new XAttribute("priority", -1), new XAttribute("mode", mode)),
                new XElement(X + "template", new XAttribute("match", "@*|node()"), new XAttribute("priority", -2), new XAttribute("mode", mode),
                    new XElement(X + "apply-templates", new XAttribute("select", "@*|node()"), new XAttribute("mode", mode))));
        }
        return new XDocument(feuille);
    }

    private static void Corps(XElement regle, XElement modele, Dictionary<string, XElement> abstraites, Func<string, string> remplacer, int profondeur)
    {
        if (profondeur > 20) throw new InvalidOperationException("extends en boucle");
        foreach (var e in regle.Elements())
        {
            if (e.Name == S + "let")
                modele.Add(new XElement(X + "variable", new XAttribute("name", (string)e.Attribute("name")!), new XAttribute("select", remplacer((string)e.Attribute("value")!))));
            else if (e.Name == S + "extends")
                Corps(abstraites[(string)e.Attribute("rule")!], modele, abstraites, remplacer, profondeur + 1);
            else if (e.Name == S + "assert" || e.Name == S + "report")
            {
                var assertion = e.Name == S + "assert";
                var test = remplacer((string)e.Attribute("test")!);
                modele.Add(new XElement(X + "if", new XAttribute("test", assertion ? $"not({test})" : test),
                    new XElement(Svrl + (assertion ? "failed-assert" : "successful-report"),
                        new XAttribute("test", (string)e.Attribute("test")!),
                        e.Attribute("role") is { } role ? new XAttribute("role", (string)role) : null,
                        e.Attribute("id") is { } id ? new XAttribute("id", (string)id) : null,
                        new XElement(X + "attribute", new XAttribute("name", "location"), new XAttribute("select", "path()")),
                        new XElement(Svrl + "text", Message(e, remplacer)))));
            }
        }
    }

    private static IEnumerable<object> Message(XElement e, Func<string, string> remplacer)
    {
        foreach (var n in e.Nodes())
        {
            if (n is XText t) yield return new XElement(X + "text", t.Value);
            else if (n is XElement x && x.Name == S + "value-of")
                yield return new XElement(X + "value-of", new XAttribute("select", remplacer((string)x.Attribute("select")!)));
            else if (n is XElement nom && nom.Name == S + "name")
                yield return new XElement(X + "value-of", new XAttribute("select", $"name({(string?)nom.Attribute("path") ?? "."})"));
            else if (n is XElement autre) foreach (var m in Message(autre, remplacer)) yield return m;
        }
    }

    /// <summary>Replaces every include by the root of the file it names (recursively, paths relative to that file).</summary>
    private static XElement Developper(XElement element, string dossier)
    {
        var copie = new XElement(element.Name, element.Attributes());
        foreach (var n in element.Nodes())
        {
            if (n is XElement inc && inc.Name == S + "include")
            {
                var chemin = Path.GetFullPath(Path.Combine(dossier, (string)inc.Attribute("href")!));
                copie.Add(Developper(XDocument.Load(chemin).Root!, Path.GetDirectoryName(chemin)!));
            }
            else if (n is XElement x) copie.Add(Developper(x, dossier));
            else if (n is XText or XCData) copie.Add(n);
        }
        return copie;
    }

    /// <summary>An abstract pattern made concrete: each $param of the instance replaced in the rules' XPath.</summary>
    private static XElement Instancier(XElement abstrait, XElement instance)
    {
        var parametres = instance.Elements(S + "param").Select(p => ((string)p.Attribute("name")!, (string)p.Attribute("value")!))
            .OrderByDescending(p => p.Item1.Length).ToList();
        var copie = new XElement(abstrait);
        copie.SetAttributeValue("abstract", null);
        copie.SetAttributeValue("id", (string?)instance.Attribute("id"));
        foreach (var a in copie.Descendants().Attributes().Where(a => a.Name.LocalName is "context" or "test" or "select" or "value" or "path").ToList())
            foreach (var (nom, valeur) in parametres)
                a.Value = Regex.Replace(a.Value, @"\$" + Regex.Escape(nom) + @"(?![\w.\-])", _ => valeur);
        // The instance's own lets (if any) come first.
        copie.AddFirst(instance.Elements(S + "let"));
        return copie;
    }
}
