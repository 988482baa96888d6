namespace OpenDui.Web.Hote;

/// <summary>
/// The installation's clock: real time, in the time zone of its establishments (<c>Localisation:FuseauHoraire</c>,
/// an IANA id, Europe/Paris by default; Indian/Reunion, America/Cayenne, Indian/Mayotte… overseas), whatever the
/// server's own zone (containers run in UTC). "Today" (admission, exit and birth dates) and every time shown are in it.
/// </summary>
public sealed class HorlogeLocale(TimeZoneInfo fuseau) : TimeProvider
{
    public const string Reglage = "Localisation:FuseauHoraire";

    public override TimeZoneInfo LocalTimeZone => fuseau;

    public static HorlogeLocale Depuis(IConfiguration config)
    {
        var id = config[Reglage] is { Length: > 0 } v ? v : "Europe/Paris";
        try { return new HorlogeLocale(TimeZoneInfo.FindSystemTimeZoneById(id)); }
        catch (TimeZoneNotFoundException)
        {
            throw new InvalidOperationException($"{Reglage} : fuseau horaire inconnu « {id} » (identifiant IANA attendu, par exemple Europe/Paris ou Indian/Reunion).");
        }
    }
}

public static class HeureLocale
{
    /// <summary>This instant on the wall clocks of the installation (see <see cref="HorlogeLocale"/>).</summary>
    public static DateTimeOffset Locale(this DateTimeOffset instant, TimeProvider horloge) => TimeZoneInfo.ConvertTime(instant, horloge.LocalTimeZone);
}
