using Bogus;

namespace OpenDui.Bench;

/// <summary>
/// French-looking surnames with a realistic spread: tens of thousands of distinct names drawn with a heavy
/// tail (a few frequent names, most rare), plus compound names. Bogus "fr" alone has 150 surnames, so every
/// 3-letter prefix matched ~500 usagers and the search measured homonymy rather than the index.
/// </summary>
public sealed class NomsDeFamille
{
    private static readonly string[] Debuts =
    [
        "Ber", "Bon", "Bou", "Bri", "Cha", "Che", "Cla", "Cor", "Dau", "Del", "Dem", "Des", "Dor", "Dub", "Duc", "Dum", "Fau", "Fer", "Fon", "Gal",
        "Gar", "Gau", "Gil", "Gir", "Gou", "Gre", "Gui", "Her", "Jac", "Jou", "Lab", "Lac", "Lam", "Lan", "Lau", "Leb", "Lef", "Leg", "Lem", "Ler",
        "Mal", "Mar", "Mas", "Mau", "Mer", "Mic", "Mor", "Mou", "Pag", "Pel", "Per", "Pic", "Poi", "Pou", "Rab", "Ren", "Rey", "Ric", "Rob", "Roc",
        "Rou", "Sal", "Sau", "Tes", "Thi", "Tou", "Val", "Vau", "Ver", "Vil",
    ];
    private static readonly string[] Milieux = ["", "a", "e", "i", "o", "ou", "an", "en", "in", "on", "ar", "er", "or", "el", "il", "ol", "ab", "ad", "ag", "es"];
    private static readonly string[] Fins =
    [
        "", "aud", "ault", "and", "ard", "at", "eau", "el", "elle", "et", "ette", "eux", "ier", "in", "ine", "ois", "on", "ot", "oux", "y",
        "as", "é", "ès", "ie", "our",
    ];

    private readonly Faker _faker;
    private readonly string[] _pool;
    private readonly double[] _cumul;

    public NomsDeFamille(Faker faker)
    {
        _faker = faker;
        _pool = Debuts.SelectMany(d => Milieux.SelectMany(m => Fins.Select(f => d + m + f))).Distinct().ToArray();
        faker.Random.Shuffle(_pool).ToArray().CopyTo(_pool, 0);
        // Zipf-like weights (s = 0.8): rank 1 is frequent, the tail holds most of the names.
        _cumul = new double[_pool.Length];
        var total = 0d;
        for (var i = 0; i < _pool.Length; i++) _cumul[i] = total += 1 / Math.Pow(i + 1, 0.8);
        for (var i = 0; i < _pool.Length; i++) _cumul[i] /= total;
    }

    public int Distincts => _pool.Length;

    public string Tirer()
    {
        var nom = Un();
        return _faker.Random.Bool(0.08f) ? $"{nom}-{Un()}" : _faker.Random.Bool(0.05f) ? _faker.Name.LastName() : nom;
    }

    private string Un()
    {
        var i = Array.BinarySearch(_cumul, _faker.Random.Double());
        return _pool[Math.Min(i < 0 ? ~i : i, _pool.Length - 1)];
    }
}
