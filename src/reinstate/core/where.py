"""Where a seller finds each identifier in Seller Central: one wording for every command."""

WHERE_TO_FIND: dict[str, str] = {
    "merchant_token": "Seller Central → Settings → Account Info → Your Merchant Token",
    "store_name": (
        "Seller Central → Settings → Account Info → Business Information → Display Name "
        "(your store name)"
    ),
    "case_ids": "printed in Amazon's notice, or in Seller Central → Help → Case Log",
}
