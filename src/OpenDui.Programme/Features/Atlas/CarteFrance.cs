using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenDui.Programme.Features.Atlas;

public readonly record struct Point(double X, double Y);

/// <summary>A region projected into the map's plane: its rings (for the PDF) and the same as an SVG path (even-odd fill).</summary>
public sealed record TraceRegion(string Code, string Nom, IReadOnlyList<Point[]> Polygones, string Chemin, Point Etiquette);

/// <summary>The frame of an overseas region drawn as an inset (not to scale).</summary>
public sealed record Encart(string Code, string Nom, double X, double Y, double Largeur, double Hauteur);

/// <summary>
/// The 18 regions projected once per process from the embedded outlines (IGN Admin Express COG 2018 via
/// gregoiredavid/france-geojson, Licence Ouverte): metropolitan France in a simple equirectangular projection
/// scaled by cos(46.5°), the five overseas regions in a row of insets below it, each fitted to its own frame.
/// </summary>
public sealed class CarteFrance
{
    public const string Attribution = "Source : IGN – Admin Express COG 2018 ; INSEE COG 2018 ; via github.com/gregoiredavid/france-geojson";
    /// <summary>Order of the insets: Guadeloupe, Martinique, Guyane, La Réunion, Mayotte.</summary>
    public static readonly IReadOnlyList<string> OutreMer = ["01", "02", "03", "04", "06"];

    private const double Marge = 10, LargeurMetropole = 560, TailleEncart = 104, EcartEncarts = 8, Tolerance = 1.0;
    private static readonly Lazy<CarteFrance> Instance = new(Charger);
    public static CarteFrance Courante => Instance.Value;

    public double Largeur { get; }
    public double Hauteur { get; }
    public IReadOnlyList<TraceRegion> Regions { get; }
    public IReadOnlyList<Encart> Encarts { get; }

    private CarteFrance(double largeur, double hauteur, IReadOnlyList<TraceRegion> regions, IReadOnlyList<Encart> encarts)
    {
        Largeur = largeur;
        Hauteur = hauteur;
        Regions = regions;
        Encarts = encarts;
    }

    private static CarteFrance Charger()
    {
        using var flux = typeof(CarteFrance).Assembly.GetManifestResourceStream("OpenDui.Programme.Atlas.regions-18-simplifiee.geojson")
            ?? throw new InvalidOperationException("Contours des régions absents de l'assemblage.");
        using var doc = JsonDocument.Parse(flux);
        var brutes = doc.RootElement.GetProperty("features").EnumerateArray().Select(f => (
            Code: f.GetProperty("properties").GetProperty("code").GetString()!,
            Nom: f.GetProperty("properties").GetProperty("nom").GetString()!,
            Polygones: Anneaux(f.GetProperty("geometry")))).ToList();

        var metropole = brutes.Where(b => !OutreMer.Contains(b.Code)).ToList();
        var (projeterMetro, hauteurMetro) = Ajuster(metropole.SelectMany(b => b.Polygones), 46.5, Marge, Marge, LargeurMetropole, null);
        var regions = metropole.Select(b => Tracer(b.Code, b.Nom, b.Polygones, projeterMetro)).ToList();

        var yEncarts = Marge + hauteurMetro + 16;
        var largeurRangee = OutreMer.Count * TailleEncart + (OutreMer.Count - 1) * EcartEncarts;
        var x0 = Marge + (LargeurMetropole - largeurRangee) / 2;
        var encarts = new List<Encart>();
        for (var i = 0; i < OutreMer.Count; i++)
        {
            var b = brutes.Single(x => x.Code == OutreMer[i]);
            var x = x0 + i * (TailleEncart + EcartEncarts);
            var latitude = b.Polygones.SelectMany(p => p).Average(p => p.Y);
            var (projeter, _) = Ajuster(b.Polygones, latitude, x + 6, yEncarts + 6, TailleEncart - 12, TailleEncart - 12);
            regions.Add(Tracer(b.Code, b.Nom, b.Polygones, projeter));
            encarts.Add(new Encart(b.Code, b.Nom, x, yEncarts, TailleEncart, TailleEncart));
        }
        return new CarteFrance(LargeurMetropole + 2 * Marge, yEncarts + TailleEncart + 22, regions, encarts);
    }

    /// <summary>Fits lon/lat rings into a frame (width given, height given or derived), centred, north up.</summary>
    private static (Func<Point, Point> Projeter, double Hauteur) Ajuster(IEnumerable<Point[]> anneaux, double latitudeReference, double x, double y, double largeur, double? hauteur)
    {
        var k = Math.Cos(latitudeReference * Math.PI / 180);
        var points = anneaux.SelectMany(a => a).ToList();
        double minX = points.Min(p => p.X) * k, maxX = points.Max(p => p.X) * k, minY = points.Min(p => p.Y), maxY = points.Max(p => p.Y);
        var echelle = hauteur is { } h ? Math.Min(largeur / (maxX - minX), h / (maxY - minY)) : largeur / (maxX - minX);
        var hauteurUtile = hauteur ?? (maxY - minY) * echelle;
        var dx = x + (largeur - (maxX - minX) * echelle) / 2;
        var dy = y + (hauteurUtile - (maxY - minY) * echelle) / 2;
        return (p => new Point(dx + (p.X * k - minX) * echelle, dy + (maxY - p.Y) * echelle), hauteurUtile);
    }

    private static TraceRegion Tracer(string code, string nom, IReadOnlyList<Point[]> anneaux, Func<Point, Point> projeter)
    {
        var polygones = new List<Point[]>();
        foreach (var anneau in anneaux)
        {
            // Drop points closer than the tolerance to the last kept one: the map stays light, the shape unchanged at this size.
            var garde = new List<Point>();
            foreach (var p in anneau.Select(projeter))
                if (garde.Count == 0 || Math.Abs(p.X - garde[^1].X) + Math.Abs(p.Y - garde[^1].Y) >= Tolerance) garde.Add(p);
            if (garde.Count >= 3) polygones.Add(garde.ToArray());
        }
        // Relative moves between points rounded to a tenth: a third of the absolute form's size, no drift.
        var sb = new StringBuilder();
        static string T(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        foreach (var poly in polygones)
        {
            var precedent = (X: Math.Round(poly[0].X, 1), Y: Math.Round(poly[0].Y, 1));
            sb.Append('M').Append(T(precedent.X)).Append(',').Append(T(precedent.Y)).Append('l');
            for (var i = 1; i < poly.Length; i++)
            {
                var p = (X: Math.Round(poly[i].X, 1), Y: Math.Round(poly[i].Y, 1));
                var (dx, dy) = (p.X - precedent.X, p.Y - precedent.Y);
                if (i > 1 && dx >= 0) sb.Append(' ');
                sb.Append(T(dx));
                if (dy >= 0) sb.Append(' ');
                sb.Append(T(dy));
                precedent = p;
            }
            sb.Append('z');
        }
        return new TraceRegion(code, nom, polygones, sb.ToString(), Centre(polygones.MaxBy(p => Math.Abs(Aire(p)))!));
    }

    private static double Aire(Point[] a)
    {
        var s = 0.0;
        for (var i = 0; i < a.Length; i++) s += a[i].X * a[(i + 1) % a.Length].Y - a[(i + 1) % a.Length].X * a[i].Y;
        return s / 2;
    }

    /// <summary>Centroid of a ring: where the region's figure is written.</summary>
    private static Point Centre(Point[] a)
    {
        double cx = 0, cy = 0, aire = Aire(a);
        for (var i = 0; i < a.Length; i++)
        {
            var (p, q) = (a[i], a[(i + 1) % a.Length]);
            var f = p.X * q.Y - q.X * p.Y;
            cx += (p.X + q.X) * f;
            cy += (p.Y + q.Y) * f;
        }
        return new Point(cx / (6 * aire), cy / (6 * aire));
    }

    /// <summary>Every ring of a Polygon or MultiPolygon; holes (the Enclave des Papes in Auvergne-Rhône-Alpes) are drawn with the even-odd rule.</summary>
    private static List<Point[]> Anneaux(JsonElement geometrie)
    {
        static Point[] Anneau(JsonElement a) => a.EnumerateArray().Select(c => new Point(c[0].GetDouble(), c[1].GetDouble())).ToArray();
        var coordonnees = geometrie.GetProperty("coordinates");
        return geometrie.GetProperty("type").GetString() switch
        {
            "Polygon" => coordonnees.EnumerateArray().Select(Anneau).ToList(),
            "MultiPolygon" => coordonnees.EnumerateArray().SelectMany(p => p.EnumerateArray().Select(Anneau)).ToList(),
            var t => throw new InvalidOperationException($"Géométrie {t} inattendue."),
        };
    }
}
