using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace OpenDui.Web.Infrastructure.Data;

/// <summary>
/// A query of the hot path compiled once per model: EF binds a compiled query to the model it was compiled for
/// (SQLite or PostgreSQL), and otherwise redoes its translation lookup on every call, a measurable share of a
/// request's CPU (bench/README.md).
/// </summary>
public sealed class RequeteCompilee<T>(Func<T> compiler) where T : Delegate
{
    private readonly ConcurrentDictionary<IModel, T> _parModele = new();

    public T Pour(DbContext db) => _parModele.GetOrAdd(db.Model, _ => compiler());
}
