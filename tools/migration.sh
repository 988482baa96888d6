#!/usr/bin/env bash
# Scaffolds one EF Core migration for BOTH providers (SQLite and PostgreSQL) from the same model.
# Usage: bash tools/migration.sh <Name>              the DUI (src/OpenDui.Web)
#        bash tools/migration.sh programme <Name>    the programme console (src/OpenDui.Programme)
# The design-time project tools/OpenDui.DesignTime holds the factories of the four contexts.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: bash tools/migration.sh [dui|programme] <NomDeLaMigration>" >&2; exit 2; }
case $# in
  1) hote=dui; nom=$1 ;;
  2) hote=$1; nom=$2 ;;
  *) usage ;;
esac
[[ $nom =~ ^[A-Z][A-Za-z0-9]*$ ]] || { echo "the name must be a C# identifier starting with a capital (e.g. AjoutAdmission)" >&2; exit 2; }
case $hote in
  dui) projet=src/OpenDui.Web; contexte=OpenDuiDbContext ;;
  programme) projet=src/OpenDui.Programme; contexte=ProgrammeDbContext ;;
  *) usage ;;
esac

dotnet tool restore >/dev/null
# Build once; each `dotnet ef` call below reuses it (--no-build).
dotnet build tools/OpenDui.DesignTime -c Debug -v q -nologo
for fournisseur in Sqlite Postgres; do
  echo "== $fournisseur$contexte: $nom"
  dotnet ef migrations add "$nom" --no-build --configuration Debug \
    --project "$projet" --startup-project tools/OpenDui.DesignTime \
    --context "$fournisseur$contexte" --output-dir "Infrastructure/Data/Migrations/$fournisseur"
done
echo "Done: review both migrations under $projet/Infrastructure/Data/Migrations/, then build and run the migration tests."
