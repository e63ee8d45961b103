from odps.udf import annotate


@annotate('string->string')
class MaskPhone(object):
    def evaluate(self, phone):
        if phone is None or len(phone) < 7:
            return phone
        return phone[:3] + '****' + phone[-4:]
