"""Adds the rule catalogue, `spofcheck.catalogue` mapped from rules/, to the discovered packages.

pyproject.toml discovers every `spofcheck*` package; a folder mapped under another name
(rules/ → spofcheck.catalogue, see [tool.setuptools.package-dir]) is invisible to
discovery, so it is appended here. Everything else is configured in pyproject.toml.
"""

from setuptools import setup
from setuptools.command.build_py import build_py


class _WithCatalogue(build_py):
    def finalize_options(self) -> None:
        packages = self.distribution.packages or []
        if "spofcheck.catalogue" not in packages:
            self.distribution.packages = [*packages, "spofcheck.catalogue"]
        super().finalize_options()


setup(cmdclass={"build_py": _WithCatalogue})
