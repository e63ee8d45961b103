"""Scoring helpers for the RFM job (dws_customer_rfm)."""

def _bucket(value, edges):
    for score, edge in enumerate(edges, start=1):
        if value <= edge:
            return score
    return len(edges) + 1


def score_rfm(recency_days, frequency, monetary):
    r = 6 - _bucket(recency_days, [7, 30, 90, 180])
    f = _bucket(frequency, [1, 3, 6, 12])
    m = _bucket(float(monetary), [100, 500, 2000, 10000])
    if r >= 4 and f >= 4:
        return 'champion'
    if r >= 4:
        return 'new'
    if f >= 4:
        return 'at_risk'
    return 'hibernating' if m <= 2 else 'cant_lose'
