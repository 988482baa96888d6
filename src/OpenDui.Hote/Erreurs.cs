namespace OpenDui.Hote;

/// <summary>Validation errors keyed by field ("" for the whole request), in French, for forms and ProblemDetails.
/// A field is named as the client sent it: "essms[2].categorieCode".</summary>
public sealed class Erreurs
{
    private readonly Dictionary<string, List<string>> _parChamp = new();

    public bool Any => _parChamp.Count > 0;

    public Erreurs Ajouter(string champ, string message)
    {
        if (!_parChamp.TryGetValue(champ, out var liste)) _parChamp[champ] = liste = [];
        liste.Add(message);
        return this;
    }

    public Erreurs Fusionner(Erreurs autres)
    {
        foreach (var (champ, messages) in autres._parChamp)
            foreach (var m in messages) Ajouter(champ, m);
        return this;
    }

    public IReadOnlyDictionary<string, string[]> ParChamp => _parChamp.ToDictionary(p => p.Key, p => p.Value.ToArray());

    public IEnumerable<string> Messages => _parChamp.Values.SelectMany(v => v);

    public static Erreurs Une(string champ, string message) => new Erreurs().Ajouter(champ, message);
}
