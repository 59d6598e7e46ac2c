"""Finding a held council by the codes files name it by."""


class CouncilIndex:
    """Finds a held council by DfE LA number first (it survives recoding, as Barnsley's did in
    2025), then by current or former GSS code, a current code winning over another council's
    former one: when codes are reused, the council that holds one now is the one meant."""

    def __init__(self, councils):
        self.by_la_number = {c.la_number: c for c in councils if c.la_number}
        self.by_gss = {}
        for council in councils:
            for code in council.former_gss_codes or ():
                self.by_gss.setdefault(code, council)
        self.by_gss.update({c.gss_code: c for c in councils if c.gss_code})

    def find(self, la_number=None, gss=None):
        return self.by_la_number.get(la_number) or self.by_gss.get(gss)
