"""What a project is made of, for the import rules (AIL610, AIL611): its root and own modules
(:mod:`.first_party`), the dependencies its manifests declare (:mod:`.manifests`), the
environment it is installed in (:mod:`.environment`) and what that holds (:mod:`.installed`),
the standard library (:mod:`.stdlib`), the names distributions are imported by
(:mod:`.aliases`), and the model that puts them together once per root (:mod:`.model`).

Nothing here imports or runs the project's code or its packages: files are listed and read.
"""
