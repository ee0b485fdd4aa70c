"""The account-book screens: the keying sheet for a paper book (`entry`), the household,
village and tambon summaries and the categories (`summaries`)."""
