namespace OpenDui.Tests.Commun;

/// <summary>
/// The hosts' TOTP clock in tests: real time plus an offset that only grows. Each code is single use, so a test
/// signing the same account in several times within 30 s gets, for each code, an instant in a step that account
/// has not used yet: the clock moves on by whole steps when needed, as if the user waited for the next code.
/// </summary>
public sealed class HorlogeTotp : TimeProvider
{
    private readonly Lock _verrou = new();
    private readonly Dictionary<string, long> _derniers = new(StringComparer.OrdinalIgnoreCase);
    private TimeSpan _decalage;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_verrou) return DateTimeOffset.UtcNow + _decalage;
    }

    /// <summary>The instant at which to compute the next code of <paramref name="compte"/>.</summary>
    public DateTimeOffset InstantNeuf(string compte)
    {
        lock (_verrou)
        {
            var maintenant = DateTimeOffset.UtcNow + _decalage;
            var pas = maintenant.ToUnixTimeSeconds() / 30;
            if (_derniers.TryGetValue(compte, out var dernier) && pas <= dernier)
            {
                var avance = TimeSpan.FromSeconds(30 * (dernier - pas + 1));
                _decalage += avance;
                maintenant += avance;
                pas = dernier + 1;
            }
            _derniers[compte] = pas;
            return maintenant;
        }
    }
}
